/**
 * The answer of a quick input, taken once. Accepting hides the box, and hiding answers "nothing":
 * both report, and only the first may count. The first answer also disposes of the box and of
 * whatever served it.
 */
export function settleOnce<T>(resolve: (value: T) => void, ...owned: ReadonlyArray<{ dispose(): unknown }>): (value: T) => void {
  let settled = false;
  return (value) => {
    if (settled) return;
    settled = true;
    resolve(value);
    for (const d of owned) d.dispose();
  };
}
