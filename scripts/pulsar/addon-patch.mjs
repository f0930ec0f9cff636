// A source patch of the pulsar-client addon, applied by `npm run pulsar:native` before it builds the addon: textual
// edits, each of which must find the code it expects (else it throws, naming the file: another pulsar-client
// version), plus files copied into the addon's sources. Idempotent: a marker in one file says it was applied; a stamp
// next to the built binary says the binary came from the patched sources. Node builtins only.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @param {{ name: string, marker: string, markerFile: string,
 *   edits: { file: string, from: string, to: string }[], copies?: { from: string, to: string }[] }} patch
 */
export function addonPatch({ name, marker, markerFile, edits, copies = [] }) {
  const stamp = `.alpes-${name.replaceAll(' ', '-')}`;
  const applied = (addonDir) => {
    const file = path.join(addonDir, markerFile);
    return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(marker);
  };
  if (!edits.some(({ file, to }) => file === markerFile && to.includes(marker))) throw new Error(`${name}: no edit writes its marker into ${markerFile}`);
  return {
    name,
    /** True when the addon sources carry the patch. */
    applied,
    /** True when the built addon came from the patched sources. */
    built: (addonDir) => applied(addonDir) && fs.existsSync(path.join(addonDir, 'build', 'Release', stamp)),
    /** Applies the patch (false when it was already); throws, changing nothing, when a source is not as expected. */
    apply(addonDir) {
      if (applied(addonDir)) return false;
      const texts = new Map();
      for (const { file, from, to } of edits) {
        const text = texts.get(file) ?? fs.readFileSync(path.join(addonDir, file), 'utf8');
        if (!text.includes(from)) throw new Error(`${name}: ${file} does not contain the expected code (another pulsar-client version?):\n${from}`);
        texts.set(file, text.replace(from, () => to));
      }
      for (const { from, to } of copies) fs.copyFileSync(from, path.join(addonDir, to));
      for (const [file, text] of texts) fs.writeFileSync(path.join(addonDir, file), text);
      return true;
    },
    stampBuilt(addonDir) {
      const release = path.join(addonDir, 'build', 'Release');
      if (fs.existsSync(release)) fs.writeFileSync(path.join(release, stamp), `built from sources with the ${name}\n`);
    },
  };
}
