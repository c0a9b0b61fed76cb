// Files from a folder: a dropped folder is walked (webkitGetAsEntry), a chosen one comes with
// webkitRelativePath. Each file gets its path from the folder that was dropped or chosen.

const SKIPPED = /(^|\/)(\.[^/]*|node_modules)(\/|$)/;

/** [{ path, file }] from a drop; folders are read recursively. */
export async function filesFromDrop(dataTransfer) {
  const items = Array.from(dataTransfer.items || []).filter((i) => i.kind === 'file');
  const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
  if (entries.some((e) => !e)) {
    // A drop without entries (a synthetic one): the files as they are, by name.
    return relativeToFolder(Array.from(dataTransfer.files || []).map((file) => ({ path: file.name, file })));
  }
  const out = [];
  for (const entry of entries) await walk(entry, out);
  return relativeToFolder(out);
}

/** [{ path, file }] from a file input (several files, or a folder with webkitdirectory). */
export function filesFromInput(fileList) {
  return relativeToFolder(
    Array.from(fileList || []).map((file) => ({ path: file.webkitRelativePath || file.name, file })),
  );
}

async function walk(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    // readEntries answers in batches (100 in Chrome) until an empty one.
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}

/**
 * Paths from the one folder that was dropped or chosen (its own name dropped), without hidden
 * files and folders (.git, .DS_Store) or node_modules, sorted.
 */
function relativeToFolder(list) {
  const kept = list.filter((f) => !SKIPPED.test(f.path));
  const first = kept[0]?.path.split('/')[0];
  const shared = kept.length > 0 && kept.every((f) => f.path.includes('/') && f.path.split('/')[0] === first);
  return kept
    .map((f) => ({ path: shared ? f.path.slice(first.length + 1) : f.path, file: f.file }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
