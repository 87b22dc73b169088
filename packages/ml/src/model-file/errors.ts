/** The error every model-file problem is reported with ("invalid model file: ..."). */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(`invalid model file: ${message}`);
    this.name = 'ModelFileError';
  }
}
