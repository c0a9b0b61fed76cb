// The one piece of page state shared across modules, the API key's persistence, and the client
// that reads the key at call time (so a pasted key can be tried before it is saved).
import { createClient } from './api.js';

const KEY_STORAGE = 'specmock.key';

function loadKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}
function saveKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    /* private mode: keep it in memory only */
  }
}

export const state = {
  key: loadKey(),
  apis: [],
  routeToken: 0,
  focusView: false,
  upload: { file: null, fileText: '', nameDirty: false, versionDirty: false },
};
export const client = createClient(() => state.key);

export function setKey(key) {
  state.key = key;
  saveKey(key);
}
