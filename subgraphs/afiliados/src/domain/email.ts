import { z } from 'zod';

/** The longest address SMTP allows (RFC 5321), and the column's width. */
export const EMAIL_MAX_LENGTH = 320;

const emailFormat = z.email();

/**
 * An affiliate's email address (value object): trimmed and in lower case, so "Ana@Example.com" and
 * "ana@example.com" are the same affiliate. The format check is the one the command contract applies.
 */
export class Email {
  private constructor(readonly value: string) {}

  static of(value: string): Email {
    const email = value.trim().toLowerCase();
    if (email.length === 0) throw new RangeError('an email address must not be empty');
    if (email.length > EMAIL_MAX_LENGTH) throw new RangeError(`an email address has at most ${EMAIL_MAX_LENGTH} characters, got ${email.length}`);
    if (!emailFormat.safeParse(email).success) throw new RangeError(`"${value}" is not a valid email address`);
    return new Email(email);
  }

  toString(): string {
    return this.value;
  }
}
