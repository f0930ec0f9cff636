/** The most a conversion's metadata may take, serialised as JSON (UTF-8 bytes). */
export const METADATA_MAX_BYTES = 8 * 1024;

/** Free-form details of a conversion (value object): a JSON object (not an array or a scalar) of at most 8 KB. Absent means {}. */
export class MetadataConversion {
  private constructor(readonly value: Record<string, unknown>) {}

  static of(value: unknown): MetadataConversion {
    if (value == null) return new MetadataConversion({});
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new RangeError(`metadata must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    }
    const json = JSON.stringify(value);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > METADATA_MAX_BYTES) throw new RangeError(`metadata takes at most ${METADATA_MAX_BYTES} bytes as JSON, got ${bytes}`);
    return new MetadataConversion(JSON.parse(json) as Record<string, unknown>);
  }
}
