/** An edit MCP Medic cannot or will not make, in words for the user. */
export class EditRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EditRefused'
  }
}
