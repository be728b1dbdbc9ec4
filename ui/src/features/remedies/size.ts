/** "812 B", "1.5 MB", "2.0 GB": one decimal, like the backend's evidence log. */
export function humanSize(bytes: number): string {
  const units = ["KB", "MB", "GB", "TB"];
  if (bytes < 1024) return `${bytes} B`;
  let unit = 0;
  let scale = 1024;
  while (unit + 1 < units.length && bytes >= scale * 1024) {
    scale *= 1024;
    unit++;
  }
  const tenths = Math.round((bytes * 10) / scale);
  return `${Math.floor(tenths / 10)}.${tenths % 10} ${units[unit]}`;
}
