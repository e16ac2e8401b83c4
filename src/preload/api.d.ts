import type { Api } from '../shared/contract'

declare global {
  interface Window {
    /** set by the preload inside the Electron app; absent in the browser face */
    api?: Api
  }
}

export {}
