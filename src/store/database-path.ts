// Checks a database path before SQLite opens it: what is wrong is said plainly (a parent that is a file, a device,
// a pseudo-filesystem such as /proc where opening can block forever) instead of a bare SQLite or mkdir error.
import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";

/** Kernel pseudo-filesystems: their "files" are not storage, and reading some of them blocks. */
const PSEUDO_FILESYSTEMS = ["/proc", "/sys", "/dev"];
/** Memory-backed storage under /dev that does behave as files. */
const REAL_UNDER_DEV = ["/dev/shm"];

function underPseudoFilesystem(path: string): boolean {
  const inside = (root: string) => path === root || path.startsWith(`${root}${sep}`);
  return PSEUDO_FILESYSTEMS.some(inside) && !REAL_UNDER_DEV.some(inside);
}

/** What is wrong with `file` as a database path, or null when SQLite may open (or create) it. */
export function databasePathProblem(file: string): string | null {
  if (file === ":memory:") return null;
  const path = resolve(file);
  let existing = path;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const real = realpathSync(existing);
  if (underPseudoFilesystem(real)) return `${real} 在系统的虚拟文件系统(/proc、/sys、/dev)中,不能存放数据库`;
  const stat = statSync(real);
  if (existing === path) return stat.isFile() ? null : `${path} 不是普通文件(是目录或设备),不能作为数据库文件`;
  if (!stat.isDirectory()) return `上级路径 ${existing} 是一个文件,不是目录`;
  return null;
}
