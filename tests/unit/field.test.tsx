// The shared form field, rendered to a string as pages render it.
import { renderToString } from "preact-render-to-string";
import { describedBy, Field, FieldError } from "../../views/components/Field";

const attrs = (html: string, tag: string) => html.match(new RegExp(`<${tag} [^>]*>`))?.[0] ?? "";

describe("the form field", () => {
  it("When a field has no error, then its input is labelled and not marked invalid", () => {
    const html = renderToString(<Field name="email" label="E-mail" type="email" value="a@b.it" required />);
    expect(html).toBe(
      '<div class="form-group"><label for="f-email" class="active">E-mail</label>' +
        '<input id="f-email" name="email" class="form-control" required type="email" value="a@b.it"/></div>',
    );
  });

  it("When a field has an error, then the error stands under the control, which points at it and is invalid", () => {
    const html = renderToString(
      <Field name="email" label="E-mail" error="Indirizzo non valido" hint="Quello di lavoro" alert />,
    );
    const input = attrs(html, "input");
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="f-email-hint f-email-error"');
    expect(input).toContain('class="form-control is-invalid"');
    expect(html).toMatch(
      /<input [^>]*><small id="f-email-hint" class="form-text">Quello di lavoro<\/small><div id="f-email-error" class="invalid-feedback d-block" role="alert">Indirizzo non valido<\/div><\/div>$/,
    );
  });

  it("When ids are given, then the control, its hint and other describing text use them", () => {
    const html = renderToString(
      <Field
        name="label_it"
        id="create-label_it"
        label="Etichetta"
        hint="Breve"
        hintId="create-label_it-help"
        describedBy="intro"
        error="Obbligatoria"
        rows={3}
        value="a < b"
      />,
    );
    expect(attrs(html, "textarea")).toContain(
      'aria-describedby="intro create-label_it-help create-label_it-error"',
    );
    expect(html).toContain('<label for="create-label_it" class="active">');
    expect(html).toContain('rows="3">a &lt; b</textarea>');
    expect(html).toContain(
      '<div id="create-label_it-error" class="invalid-feedback d-block">Obbligatoria</div>',
    );
  });

  it("When the field is a password, then the value typed is never sent back", () => {
    const html = renderToString(<Field name="password" label="Password" type="password" value="segreta" />);
    expect(html).not.toContain("segreta");
  });

  it("When the page gives its own control, then it gets the id and the aria attributes", () => {
    const html = renderToString(
      <Field
        name="role"
        label="Ruolo"
        error="Scegline uno"
        class="select-wrapper mb-4"
        control={(c) => (
          <select {...c} name="role">
            <option value="member">Membro</option>
          </select>
        )}
      />,
    );
    expect(html).toContain('<div class="select-wrapper mb-4"><label for="f-role">Ruolo</label>');
    expect(attrs(html, "select")).toBe(
      '<select id="f-role" aria-invalid="true" aria-describedby="f-role-error" name="role">',
    );
  });

  it("When a group of controls has an error, then FieldError and describedBy tie it the same way", () => {
    expect(describedBy(false, undefined)).toBeUndefined();
    expect(describedBy("a", false, "b")).toBe("a b");
    expect(renderToString(<FieldError id="f-kind" />)).toBe("");
    expect(renderToString(<FieldError id="f-kind" error="Scegli" />)).toBe(
      '<div id="f-kind-error" class="invalid-feedback d-block">Scegli</div>',
    );
  });
});
