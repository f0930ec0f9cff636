/** Code-point order, the same on every machine and locale (the document is committed and diffed). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `CampanaCreada.v1`: the component id of one version of a message type (AsyncAPI ids allow letters, digits, `.-_`). */
export function messageId(type: string, version: number): string {
  return `${type}.v${version}`;
}

/** `CampanaCreada` for version 1, `CampanaCreada@v2` after: how a report names one version of a message type. */
export function messageLabel(type: string, version: number): string {
  return version === 1 ? type : `${type}@v${version}`;
}
