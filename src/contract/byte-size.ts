/** Sizes as people read them in refusals ("80 MB", "10.5 MB", "1,024 MB"). */

const MB = 1024 * 1024;

/** Bytes as megabytes: whole numbers from 100 MB, one decimal below (no trailing ".0"). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 100 ? Math.round(mb).toLocaleString("en-US") : String(Math.round(mb * 10) / 10)} MB`;
}
