/** Thrown when the person backs out of a prompt: the command ends quietly. */
export class Dismissed extends Error {
  constructor() {
    super('Dismissed');
  }
}
