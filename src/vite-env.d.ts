/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' in builds made for end-to-end tests: enables debug hooks (worker crash simulation). */
  readonly VITE_TEST_HOOKS?: string;
}
