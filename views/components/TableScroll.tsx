import type { ComponentChildren } from "preact";

/**
 * A wide table that scrolls sideways in its own box on a phone (the page itself never does). The box
 * can take the keyboard focus, so that it can be scrolled without a mouse, and is named for screen readers.
 */
export function TableScroll(props: { label: string; class?: string; children: ComponentChildren }) {
  return (
    <div
      class={`table-responsive ${props.class ?? ""}`.trim()}
      tabIndex={0}
      role="region"
      aria-label={props.label}
    >
      {props.children}
    </div>
  );
}
