import { usePage } from "../page-context";

/** A Bootstrap Italia sprite icon; decorative unless given a title. */
export function Icon(props: { name: string; class?: string; title?: string }) {
  const { assetVersion } = usePage();
  return (
    <svg
      class={`icon ${props.class ?? ""}`.trim()}
      aria-hidden={props.title ? undefined : "true"}
      role={props.title ? "img" : undefined}
      focusable="false"
    >
      {props.title ? <title>{props.title}</title> : null}
      <use href={`/vendor/bootstrap-italia/svg/sprites.svg?v=${assetVersion}#${props.name}`} />
    </svg>
  );
}
