import { usePage } from "../page-context";

/** The CSRF token of the session: put it in every form that changes something (method="post"). */
export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken ?? ""} />;
}
