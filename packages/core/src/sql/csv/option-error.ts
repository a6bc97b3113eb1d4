/** A bad option value; the message names the option and what it accepts. */
export class CsvOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvOptionError';
  }
}
