// Finds who leads and who cooperates in a task's attribution, in the variants Chinese plans use.
const LEAD_ROLE = /^(牵头部门|牵头单位|主责部门|主责单位|牵头)$/;
const PARTNER_ROLE = /^(协同部门|协同单位|配合部门|配合单位|参与部门|参与单位|协办单位|协办部门)$/;
const SHARED_ROLE = /^(责任部门|责任单位)$/;
const ROLE_WORDS =
  "牵头部门|牵头单位|主责部门|主责单位|协同部门|协同单位|配合部门|配合单位|参与部门|参与单位|协办单位|协办部门|责任部门|责任单位";
const ROLE_LABEL = new RegExp(`(${ROLE_WORDS})\\s*[:：]`, "g");
/** An attribution in brackets at the end of a paragraph, or a 责任单位: line without brackets. */
const BRACKETED = new RegExp(
  `[(（]\\s*((?:${ROLE_WORDS})\\s*[:：][^()（）]*(?:[(（]牵头[)）][^()（）]*)*)[)）]\\s*[。.]?\\s*$`,
);
/** (区发改委牵头，区住建局、区投资促进局配合) */
const SPOKEN =
  /[(（]\s*([^()（）:：]+?)牵头\s*(?:[,，;；、]\s*([^()（）:：]+?)(?:配合|协同|参与|协助))?\s*[)）]\s*[。.]?\s*$/;
const BARE = new RegExp(`(?:^|[。;；\\s])((?:${ROLE_WORDS})\\s*[:：].+)$`);

export interface Attribution {
  lead: string[];
  partners: string[];
  /** the attribution as printed */
  raw: string;
  /** the paragraph without its attribution */
  rest: string;
}

export function splitDepartments(list: string): string[] {
  return list
    .split(/[、,，;；\s]+/)
    .map((d) => d.replace(/^[(（\s]+|[)）。.\s]+$/g, "").trim())
    .filter((d) => d !== "" && d !== "等");
}

/** Reads the attribution at the end of a paragraph; null when the paragraph has none. */
export function parseAttribution(paragraph: string): Attribution | null {
  const spoken = SPOKEN.exec(paragraph);
  if (spoken) {
    const lead = splitDepartments(spoken[1] ?? "");
    return {
      lead,
      partners: splitDepartments(spoken[2] ?? "").filter((p) => !lead.includes(p)),
      raw: spoken[0].trim().replace(/[。.]$/, ""),
      rest: paragraph.slice(0, spoken.index).trim(),
    };
  }
  const bracketed = BRACKETED.exec(paragraph);
  const bare = bracketed ? null : BARE.exec(paragraph);
  const match = bracketed ?? bare;
  if (!match || match[1] === undefined) return null;
  const inner = match[1];
  const raw = bracketed ? match[0].trim().replace(/[。.]$/, "") : inner.trim();
  const rest = paragraph.slice(0, paragraph.length - match[0].length + (bare && match[0] !== inner ? 1 : 0)).trim();

  const lead: string[] = [];
  const partners: string[] = [];
  const labels = [...inner.matchAll(ROLE_LABEL)];
  labels.forEach((label, i) => {
    const role = label[1] ?? "";
    const start = (label.index ?? 0) + label[0].length;
    const end = labels[i + 1]?.index ?? inner.length;
    const units = splitDepartments(inner.slice(start, end));
    if (LEAD_ROLE.test(role)) lead.push(...units);
    else if (PARTNER_ROLE.test(role)) partners.push(...units);
    else if (SHARED_ROLE.test(role)) {
      // 责任单位:X(牵头)、Y — the marked unit leads; with no mark the first unit leads (a lone unit leads alone).
      const rawUnits = inner
        .slice(start, end)
        .split(/[、,，;；\s]+/)
        .filter(Boolean);
      const leadIdx = rawUnits.findIndex((u) => /[(（]牵头[)）]/.test(u));
      const clean = rawUnits.map((u) => u.replace(/[(（]牵头[)）]/, "").replace(/^[(（\s]+|[)）。.\s]+$/g, ""));
      if (leadIdx >= 0) {
        clean.forEach((u, j) => {
          if (u) (j === leadIdx ? lead : partners).push(u);
        });
      } else {
        const [first, ...others] = clean.filter(Boolean);
        if (first) lead.push(first);
        partners.push(...others);
      }
    }
  });
  return { lead: dedupe(lead), partners: dedupe(partners).filter((p) => !lead.includes(p)), raw, rest };
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}
