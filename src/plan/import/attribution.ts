// Finds who leads and who cooperates in a task's attribution, in the variants Chinese plans use.
const LEAD_ROLE = /^(牵头部门|牵头单位|主责部门|主责单位|牵头)$/;
const PARTNER_ROLE = /^(协同部门|协同单位|配合部门|配合单位|参与部门|参与单位|协办单位|协办部门)$/;
const SHARED_ROLE = /^(责任部门|责任单位)$/;
const ROLE_WORDS =
  "牵头部门|牵头单位|主责部门|主责单位|协同部门|协同单位|配合部门|配合单位|参与部门|参与单位|协办单位|协办部门|责任部门|责任单位";
const ROLE_LABEL = new RegExp(`(${ROLE_WORDS})\\s*[:：]`, "g");
/** Text inside an attribution's brackets: brackets of its own once deep (各县（市、区）人民政府, X（牵头）). */
const INNER = "(?:[^()（）]|[(（][^()（）]*[)）])";
/** The same without a colon: a unit's name, not a role label. */
const UNITS = "(?:[^()（）:：]|[(（][^()（）]*[)）])";
/** An attribution in brackets at the end of a paragraph, or a 责任单位: line without brackets. */
const BRACKETED = new RegExp(`[(（]\\s*((?:${ROLE_WORDS})\\s*[:：]${INNER}*)[)）]\\s*[。.]?\\s*$`);
/** (区发改委牵头，区住建局、区投资促进局配合), (市政府办公室牵头,市级各有关部门按职责分工负责) */
const SPOKEN = new RegExp(
  `[(（]\\s*(${UNITS}+?)牵头\\s*(?:[,，;；、]\\s*(${UNITS}+?)(?:配合|协同|参与|协助|按职责分工负责|按职责负责|负责))?\\s*[)）]\\s*[。.]?\\s*$`,
);
/**
 * 由市卫生健康委牵头，市民政局、市医保局配合。: the same said as a sentence of its own, ending the paragraph (or
 * being it). 由 opens it: "区政府牵头，建立联席会议制度" inside a task's text is what is done, not who.
 */
const SPOKEN_SENTENCE =
  /(?:^|[。；;]\s*)(由([^。；;()（）:：,，]+?)牵头\s*[,，;；]\s*([^。；;:：]+?)(?:配合|协同|参与|协助|协办)\s*[。.]?)\s*$/;
/** (市人社局、市医保局、市财政局负责): the units share the task, the first-listed leads as in a 责任单位 list. */
const RESPONSIBLE = new RegExp(`[(（]\\s*(${UNITS}+?)(?:按职责分工|分别)?负责\\s*[)）]\\s*[。.]?\\s*$`);
/**
 * Notes that state a rule about the list rather than name a unit: 排在首位的为牵头单位, 列第一位的为牵头单位, 下同,
 * 按职责分工负责. They are read as the rule they state (the first-listed leads), never kept as a department.
 */
const LIST_RULE =
  /排在首位|排在第一|排名第一|列第一位|列在首位|列首位|第一位的|首位的|为牵头|下同|按职责分工|按职责|分别负责/;
/** 各区、县级市 is one collective (each district and county-level city), not 各区 and 县级市. */
const LEVEL_AFTER_COLLECTIVE = /^(县级市|县|区|市|镇|乡|街道|乡镇|县市区|县\(市、区\)|开发区|园区)(政府|人民政府)?$/;
/**
 * Roles said in words inside a 责任单位 list: "县工信局牵头，县财政局、各乡镇人民政府配合", "县委政法委、县数据资源局按职责分工
 * 负责，各乡镇人民政府配合". The units before 牵头 lead; those before 负责 share the task, the first-listed leading (as in
 * a list without words); those after the comma cooperate.
 */
const SAID_ROLES =
  /^\s*([^,，;；]+?)(牵头|按职责分工负责|按职责负责|分别负责|负责)\s*(?:[,，;；]\s*([^。.]+?)\s*(?:配合|协同|参与|协助|协办)?)?\s*[。.]?\s*$/;
const BARE = new RegExp(`(?:^|[。;；\\s])((?:${ROLE_WORDS})\\s*[:：].+)$`);

export interface Attribution {
  lead: string[];
  partners: string[];
  /** the attribution as printed */
  raw: string;
  /** the paragraph without its attribution */
  rest: string;
}

/** what stands for a 、 inside brackets while a list is split: 各县（市、区）人民政府 is one unit */
const KEPT_COMMA = "\u0000";

export function splitDepartments(list: string): string[] {
  const units: string[] = [];
  const kept = list.replace(/[(（][^()（）]*[)）]/g, (m) => m.replace(/[、,，\s]/g, KEPT_COMMA));
  // 市级各有关部门及各县市区政府: 及 joins two units of a list.
  for (const piece of kept.replace(/及(?=[各市区县])/g, "、").split(/([、,，;；。\s]+)/)) {
    const part = piece.replaceAll(KEPT_COMMA, "、");
    // 区人社局按职责分工负责: the unit keeps its name, the duty phrase goes.
    const unit = part
      .replace(/^[(（\s]+|[)）。.\s]+$/g, "")
      .replace(/(按职责分工|按职责|分别)?负责$/, "")
      .trim();
    if (/^[、,，;；。\s]+$/.test(part)) {
      if (part.includes("、")) units.push("、");
      continue;
    }
    if (unit === "" || unit === "等" || LIST_RULE.test(unit)) continue;
    const prev = units.at(-2);
    if (units.at(-1) === "、" && prev?.startsWith("各") && LEVEL_AFTER_COLLECTIVE.test(unit)) {
      units.splice(-2, 2, `${prev}、${unit}`);
      continue;
    }
    units.push(unit);
  }
  return units.filter((u) => u !== "、");
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
  const sentence = SPOKEN_SENTENCE.exec(paragraph);
  if (sentence?.[1]) {
    const lead = splitDepartments(sentence[2] ?? "");
    return {
      lead,
      partners: splitDepartments(sentence[3] ?? "").filter((p) => !lead.includes(p)),
      raw: sentence[1].trim().replace(/[。.]$/, ""),
      rest: paragraph.slice(0, paragraph.length - sentence[1].length).trim(),
    };
  }
  const responsible = RESPONSIBLE.exec(paragraph);
  if (responsible && !BRACKETED.test(paragraph)) {
    const [first, ...others] = splitDepartments(responsible[1] ?? "");
    if (first) {
      return {
        lead: [first],
        partners: others.filter((p) => p !== first),
        raw: responsible[0].trim().replace(/[。.]$/, ""),
        rest: paragraph.slice(0, responsible.index).trim(),
      };
    }
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
  // Beside a named lead (牵头单位:X 责任单位:Y、Z), the 责任单位 are the ones who carry it out with the lead.
  const leadNamed = labels.some((l) => LEAD_ROLE.test(l[1] ?? ""));
  labels.forEach((label, i) => {
    const role = label[1] ?? "";
    const start = (label.index ?? 0) + label[0].length;
    const end = labels[i + 1]?.index ?? inner.length;
    const units = splitDepartments(inner.slice(start, end));
    if (LEAD_ROLE.test(role)) lead.push(...units);
    else if (PARTNER_ROLE.test(role) || (leadNamed && SHARED_ROLE.test(role))) partners.push(...units);
    else if (SHARED_ROLE.test(role)) {
      // 责任单位:X(牵头)、Y — the marked unit leads; with no mark the first unit leads (a lone unit leads alone).
      const marked = splitDepartments(inner.slice(start, end).replace(/[(（]牵头[)）]/g, "★"));
      const leadIdx = marked.findIndex((u) => u.includes("★"));
      const said = SAID_ROLES.exec(inner.slice(start, end));
      const clean = marked.map((u) => u.replace("★", ""));
      if (leadIdx >= 0) {
        clean.forEach((u, j) => {
          if (u) (j === leadIdx ? lead : partners).push(u);
        });
      } else if (said) {
        const [, named = "", role = "", cooperating = ""] = said;
        const units = splitDepartments(named);
        // 牵头: every unit named leads; 负责: the first-listed leads and the others share the task
        const leading = role === "牵头" ? units.length : 1;
        lead.push(...units.slice(0, leading));
        partners.push(...units.slice(leading), ...splitDepartments(cooperating));
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
