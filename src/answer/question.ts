// Reads one question: what is asked (intents), about which department, task or measure, and the topic words left.
import { chineseNumeral } from "../plan/numbers.js";
import { COUNTING_UNITS, MEASURED_UNITS, unitPattern } from "../plan/units.js";
import { ASKS_DEADLINE, DEADLINE_WORDS } from "./deadline.js";
import type { DepartmentLookup, DepartmentMention } from "./department-lookup.js";
import { RECENT, RECENT_TIME } from "./recent-window.js";
import type { Intent } from "./types.js";

export interface ParsedQuestion {
  /** the question as normalized (and glossary-expanded) */
  normalized: string;
  /** the question as the user wrote it (normalized, before the glossary added the plan's words) */
  asked: string;
  intents: Set<Intent>;
  departments: DepartmentMention[];
  unknownDepartment: string | null;
  /** the plans' departments said most like the unknown one, to offer */
  nearDepartments: string[];
  taskNo: number | null;
  /** further tasks the question names ("任务七和任务八分别谁牵头"): answered one by one after taskNo */
  moreTaskNos: number[];
  measureNo: number | null;
  years: number[];
  /** what is left once question words, departments and references are taken out: the subject matter */
  topic: string;
}

/** "这个计划讲了什么", "主要内容", "介绍一下这个计划": the whole plan in brief. */
export const PLAN_OVERVIEW =
  /主要内容|核心内容|大概内容|讲了?(什么|啥|哪些)|说了(什么|啥|哪些)|讲的是|内容是什么|有什么内容|概要|概述|简介|摘要|梗概|总览|全貌|介绍(一下)?(这个|本|该)?(行动)?(计划|方案)|\bsummar|\boverview\b/;

/** 几座, 几辆, 几万千瓦: "how many" in any unit a plan counts or measures by, as 几个 and 几家 are. */
const HOW_MANY = new RegExp(`(?<!哪)几(?:[万亿])?(?:${unitPattern([...COUNTING_UNITS, ...MEASURED_UNITS])})`);

/** "…用于养老的比例", "绿化覆盖率": a question that ends in what a share measures asks for its figure. */
const ENDS_IN_A_MEASURE = /(比例|比重|占比|覆盖率|普及率|达标率)[?？。]?$/;

const INTENT_PATTERNS: [Intent, RegExp][] = [
  [
    "help",
    /^(help|帮助|使用说明|说明|怎么用|如何使用|你能做什么|你会什么|能做什么|功能|菜单|指令|命令|你好|您好|hi|hello|你是谁|在吗|在不在)[?？!！。]*$|(怎么|如何)(记录|填报|登记|上报|报送|更新)/,
  ],
  [
    "plan_info",
    new RegExp(
      `${/印发|发布|发文|谁发|发的|落款|出台|全称|名称|标题|叫什么|期限|时限|哪几年|起止|截止|截至|结束|时间范围|错别字|缺字|错字|抓取|瑕疵|原文.{0,4}(错|缺|问题)|(计划|文件|文本|方案)(里|中|本身)?(有|存在)(什么|哪些)?(问题|错误|缺陷)|哪次会议|什么会议|会议研究|文号|哪天|日期|什么时候出台|出台时间|(方案|计划|规划|文件)(要|将)?(实施|执行|管)?到哪一?年|管到哪一?年|期限多(久|长)|还剩(多少|几)?(天|时间|个月|年)|还有(多少|几)(天|时间|个月|年)|还有多久|还有多长时间|到期|第几年|时间(过半|进度)|剩余(时间|天数)|days?.{0,12}left|time.{0,12}left|how long|deadline|when does .{0,30}end/.source}|${PLAN_OVERVIEW.source}`,
    ),
  ],
  // not 保障性租赁住房, 保障房: housing, not a safeguard measure
  ["measures", /保障措施|保障(?!性|房)|措施/],
  [
    "goals",
    /总体目标|总目标|三年目标|整体目标|主要目标|主要指标|核心指标|指标表|发展目标|阶段性?目标|总体要求|(整体|总体|三年|全区)(要|的|上)?(实现|达到|完成)?(哪些|什么)?目标|三年要|干成什么|overall/,
  ],
  [
    "progress",
    /进展|进度|还差|差距|差多少|(推进|进行|做|走)到(了)?哪(一步|一步了|儿|里|了)|完成(了|情况|得|多少|率)|(能不能|能否|可能|可以|能)完成|完成得了|落实情况|推进情况|执行情况|到哪了|怎么样了|如何了|现状|(现在|目前|当前|眼下)(已经?|有|是|完成|达到|做到)*(多少|几)|(多少|几[家个项亿])了|(现在|目前|当前|眼下)(已经?|有|是|完成|达到|做到)*\d|(达到|完成|实现|突破|做到).{0,8}了[吗没]|(达到|完成|实现)没有|(新增|增加|多)了(多少|几)/,
  ],
  // Which tasks are behind, unreported, or how all of them stand: a status overview, not one task.
  [
    "status",
    /(哪些|哪几项|哪几个|哪个|什么)(任务|指标|目标|工作)?.{0,6}(滞后|落后|进度慢|没完成|未完成|没有完成|没达标|未达标|没有进展|无进展|没进展|没填报|未填报|没有填报|没更新|未更新|没有更新|久未|停滞|已经?完成|完成了|已经?达标|达标了)|(滞后|落后|未完成|没有进展|未填报|已完成|已达标)的(任务|指标|目标)|(整体|总体|全部|所有|各项)(任务|目标|指标)?的?(进展|进度|完成情况|完成率|完成得?(怎么样|如何))|进展(总览|汇总|概况|一览)/,
  ],
  // What was reported lately ("最近有什么新进展", "本周进展"): recorded progress in a window of days.
  ["recent", RECENT],
  // "责任单位有哪些": everyone the plan makes responsible, the cooperating units as well as the lead.
  [
    "partners",
    /协同|配合|协助|参与|协作|协办|支持单位|配套单位|还有哪些单位|还有谁|责任(部门|单位)(都|还)?(有|是|包括)?(哪些|哪几个|哪几家)/,
  ],
  [
    "lead",
    /牵头|负责|哪个任务|哪项任务|是哪项|谁(来)?(抓|管|干|做|办|建|搞|落实|推进|推动|实施|执行)|归谁|归哪|主管|主抓|主责|责任(部门|单位)|哪个(部门|单位)|哪家(单位|部门)|由谁|谁家|牽頭/,
  ],
  // 数字 only as "a figure" (有没有具体数字), not as the word of 数字经济, 数字化, 数字孪生
  [
    "targets",
    new RegExp(
      `${/目标|多少|(?<!哪)几[家个项]|指标|达到|突破|规模|做到|要求|数量|量化|(具体|没有|没|有|什么|哪些)数字|数字(是|为)|任务量|多大|多高|哪年|哪一年/.source}|${HOW_MANY.source}|${ENDS_IN_A_MEASURE.source}`,
    ),
  ],
  [
    "task_list",
    /(哪些|哪几项|几项|多少项|几个|什么)(重点)?任务|任务(清单|列表|有哪些|有几项)|重点任务|全部任务|所有任务|哪些工作|[十\d]+(大|项)任务|任务的?(标题|名称|题目)|(任务|工作).{0,3}列(一下|出来|出|个|张)|列(一下|出|个|一个|一张|张)?.{0,3}(任务|工作|表格?|清单)/,
  ],
];

/** Question words and fillers: removed from the topic so that only subject matter is searched. */
const FILLER = new RegExp(
  [
    // "能不能完成" asks about progress (intent above); longer phrases first, before "能不能" alone
    // "离目标还差多少": how far along, asked of the subject before (or named elsewhere in the question)
    "离目标",
    "距目标",
    "距离",
    "还差",
    "差距",
    "差多少",
    "能不能完成",
    "能否完成",
    "可以完成",
    "可能完成",
    "完成得了",
    "能完成",
    "要完成",
    "完成",
    "是否有",
    "有没有",
    "是不是",
    "有无",
    "目前",
    "现在",
    "我们区",
    "咱们区",
    "我们",
    "咱们",
    "你们",
    "我区",
    "高新区",
    "开发区",
    "全区",
    "本区",
    "当前",
    "眼下",
    "已经",
    "请问",
    "分别是什么",
    "哪些是",
    "是哪些",
    "里面",
    "里",
    "能达到",
    "能不能",
    "能否",
    "可以达到",
    "要多少",
    "要几",
    "要达",
    "要实现",
    "多大",
    "多高",
    "归谁管",
    "谁来管",
    "谁管",
    "这一块",
    "这块",
    "那块",
    "都干什么",
    "干什么",
    "做什么",
    "干啥",
    "哪一年",
    "哪几年",
    "哪年",
    "三年",
    "下降",
    "降低",
    "降",
    "提升",
    "提高",
    "增长",
    "突破",
    "不少于",
    // "一年至少要检测几次": how often and how few, asked about a figure; the subject is 检测
    "(?:一年|每年)?(?:至少|最少|起码|最多)(?:要|得|需要)?",
    "一年(?=[\\u4e00-\\u9fff]{1,6}(?:几|多少))",
    // "银税互动那条", "配合的是哪几个局": pointing at an item, and which offices
    "[这那](?:一)?条",
    "(?:哪几|哪些|哪)(?:个|家)?(?:局|委|办)(?![\\u4e00-\\u9fff])",
    // "助餐点要建多少个": the verb asking how many, not part of the subject
    "(?:建|建成|新建|建设|完成|培育|引进|新增|达到|做到|(?:扩|扩展|扩大|扩充|增加|提高|提升)[到至])(?=多少|几)",
    // "要扩到多少类": the unit of the figure asked, as 几类 is (HOW_MANY)
    `多少(?:[万亿])?(?:${unitPattern([...COUNTING_UNITS, ...MEASURED_UNITS])})`,
    // "绿道那个活儿除了住建局还有谁一起干": who else, around the subject
    // "您好，打扰一下～想确认下…": politeness around the question ("你好吗" alone is a greeting, left to HELP)
    "(?:您好|你好)(?!吗)",
    "打扰(?:一下|了|您)?",
    "(?:想|要)?确认(?:一)?下",
    // "…是哪个部门牵头的呀我这边要报个材料": a remark about the asker at the end of a spoken message
    "(?:我们?|咱们?)(?:这边|这里)[\\u4e00-\\u9fff]{0,12}$",
    // "算力券还有智能计算中心这些": 还有 joins two subjects, 这些 points at them
    "还有(?![几多])",
    "这些|那些",
    // "各位老师好，想请教一下": a greeting before the question
    "(?:各位|大家)?(?:老师|领导|同事|同志)们?(?:好|您好)",
    "活儿",
    // "牵头或者参与了哪些": either role
    "或者",
    "那个",
    "除了|除去",
    "以外|之外",
    "一起(?:干|做|搞|抓|弄|负责)?|一块(?:干|做|搞)",
    // "管到哪年，期限多久": how long the plan runs, asked in other words
    "(?:管|实施|执行)到哪一?年|多久|多长时间",
    // "年底前要扩到多少", "6月底前": a time within the year bounds the figure asked (figures-asked.ts)
    "(?:\\d{1,2}月|年)底前?|[上下]半年|第[一二三四]季度",
    // "自来水多少钱一吨": a price asked, per what it is sold by
    "多少钱(?:一|每)?(?:吨|度|方|立方米|立方|斤|公斤|升|次|人|户)?",
    // "2025年底阶段性目标": the goals of a year within the plan's time
    "阶段性",
    "怎么安排",
    "怎么要求",
    "怎么表述",
    "怎么说",
    "怎么样",
    "怎么",
    "安排",
    "表述",
    // "任务清单", "列个清单": a list asked for; "养老服务清单", "负面清单" are things plans name
    "(?<=任务|工作|目标|指标|事项|部门|列|张|份|个|^|\\s)(?:清单|列表)",
    "列一下",
    "列出",
    "标题",
    "(?<![一二三四五六七八九])十大",
    "概括",
    "一句话",
    "说说",
    "讲讲",
    "介绍",
    "共同",
    // "利润率目标为什么没有数字": the target is shown with its defect flagged
    "为什么没有数字",
    "怎么没有数字",
    "为什么没数字",
    "为什么缺数字",
    "为什么",
    "为何",
    // "计划里有没有提到碳达峰": asking whether the plan mentions something, not part of it
    "提到",
    "提及",
    "说到",
    "讲到",
    "写到",
    "涉及",
    "啥",
    "我想知道",
    "想知道",
    // "领导想了解一下…", "麻烦查一下…,谢谢": a request's wrapping (领导 alone is plan text: 加强组织领导)
    "领导想了解",
    "想了解",
    "了解",
    "麻烦",
    "谢谢",
    "帮我列",
    "帮我看",
    "帮我",
    "统计一下",
    "汇总一下",
    "梳理一下",
    "帮忙看下",
    "帮忙看看",
    "帮忙",
    "主要是",
    // "跟土地有关的工作", "和集成电路相关的任务": what frames the subject, not the subject
    "(?:跟|和|与)(?=[\\u4e00-\\u9fff]{1,12}(?:有关|相关))",
    // "在方案中", "在这个计划里": where the subject is, not part of it
    "在(?:这个|本|该|整个)?(?:行动)?(?:计划|方案|文件|规划)(?:中|里面|里|当中|内)?",
    // "想问下", "请教一下", "咨询一下": the asking, not the subject
    "(?:我)?(?:想|要)?(?:问|请教|咨询)(?:一)?下",
    "请教",
    // "绿色发展那块", "优质企业这部分", "上市公司这一块": a pointer at the subject before it
    "[这那](?:一)?(?:块|部分|方面|板块|版块|领域|项)",
    "全部",
    "所有",
    // "列个表", "把任务列出来", "给我列一下": an order to list
    "(?:把|给我)(?=.{0,6}列)",
    "列(?:一下|出来|出|个|一个|一张|张)?(?:表格|表|清单)?",
    // "把重点工作列一下": the plan's tasks, in the word people use for them
    "重点工作",
    "(?:任务|工作)(?=.{0,3}列)",
    "有关的?",
    "相关的?",
    "(?<=有关的?|相关的?)(?:工作|事项|内容)",
    // "各类企业分别多少家": every kind of, not a subject's word
    "各类",
    "各种",
    "两块",
    "几块",
    "及其",
    "问一下",
    "请告诉我",
    "告诉我",
    "帮我查一下",
    "帮我查",
    "查一下",
    "查询",
    "看看",
    "一下",
    "牵头部门",
    "牵头单位",
    "协同部门",
    "协同单位",
    "配合部门",
    "配合单位",
    "责任部门",
    "责任单位",
    "哪个部门",
    "哪个单位",
    "哪些部门",
    "哪些单位",
    "什么部门",
    "什么单位",
    "哪家单位",
    "部门",
    "单位",
    "牵头",
    "负责",
    "协同",
    "配合",
    "协助",
    "参与",
    "协作",
    "主管",
    "主抓",
    "归谁",
    "归哪个",
    "归哪",
    "由谁",
    // "由哪个部门负责": the 由 of a question about who (自由贸易's 由 stays)
    "由(?=哪|什么|何)",
    "是谁",
    "谁来",
    "谁",
    "哪个",
    "哪些",
    "哪家",
    "哪项",
    "哪几项",
    "什么",
    "多少",
    "几家",
    "几个",
    "几项",
    "是否",
    "有没有",
    "有哪些",
    "有什么",
    "是什么",
    "是多少",
    "要达到",
    "要做到",
    "做到",
    "要求",
    "目标值",
    "量化",
    "目标",
    "指标",
    "任务",
    "各",
    "到",
    "这项",
    "这个",
    "那项",
    "需要",
    "的",
    "了",
    "吗",
    "呢",
    "啊",
    "吧",
    "呀",
    "是",
    "抓",
    "进展",
    "进度",
    "情况",
    "最新",
    "如何",
    "怎么样",
    "计划中",
    "计划里",
    "计划",
    "行动计划",
    "方案",
    "重点",
    "分别",
    "规定",
    "提出",
    "方面",
    "到底",
    "具体",
    "一共",
    "总共",
    "实现",
    "达到",
    "which",
    "what",
    "who",
    "the",
    "is",
    "are",
    "of",
    "for",
    "does",
    "do",
    "task",
    "tasks",
    "department",
    "departments",
    "bureau",
    "plan",
    "in",
    "on",
    "a",
    "an",
    "to",
    "by",
    "and",
    "there",
    "how",
    "many",
    "much",
    "me",
    "tell",
    "please",
    "list",
    "all",
    "show",
    "about",
    "say",
    "says",
    "give",
    "can",
    "you",
    "i",
    "want",
    "know",
    "its",
    "their",
    "this",
    "that",
    "with",
    "targets",
    "target",
    "goals",
    "goal",
  ]
    .sort((a, b) => b.length - a.length)
    .map((w) => (/^[a-z]+$/.test(w) ? `\\b${w}\\b` : w))
    .concat(HOW_MANY.source)
    .join("|"),
  "g",
);

/** 今年, 明年, 去年… as the calendar year they mean on `today` (YYYY-MM-DD), so that they are read like 2026年. */
export function absoluteYears(text: string, today: string): string {
  const year = Number(today.slice(0, 4));
  const offsets: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 本年: 0, 明年: 1, 后年: 2 };
  return text.replace(/前年|去年|今年|本年|明年|后年/g, (w) => `${year + (offsets[w] ?? 0)}年`);
}

// An ordinal names a task in any of the words people count items with (第三项, 任务三, 第五条, 第五个, 第五点, (五)),
// unless a figure's unit follows (第5个亿 is not a task).
const TASK_REF =
  /第\s*([一二三四五六七八九十\d]{1,3})\s*(?:项|个|条|大)?\s*(?:重点)?(?:任务|工作)|任务\s*([一二三四五六七八九十\d]{1,3})(?![\d亿万家个])|第\s*([一二三四五六七八九十\d]{1,3})\s*(?:项|条|点|个)(?![\d亿万家个项])|[(]([一二三四五六七八九十]{1,3})[)]|\btask\s*(\d{1,3})\b/;
/** Every task reference of a question ("任务七和任务八"). */
const TASK_REFS = new RegExp(TASK_REF.source, "g");
const RECENT_TIMES = new RegExp(RECENT_TIME.source, "g");
const MEASURE_REF = /第\s*([一二三四五六七八九十\d]{1,2})\s*(?:条|项|个)?/;

/** 25年底, 26年要…: two digits and 年, not a count of years (25年以上) nor part of a longer figure */
const SHORT_YEAR = /(?<![\d.第前近])([12]\d)\s*年(?!以|内|间|来|代|后|左|多|龄|期|度|级|轻|了)/g;

function ordinal(text: string | undefined): number | null {
  if (!text) return null;
  return /^\d+$/.test(text) ? Number(text) : chineseNumeral(text);
}

export function parseQuestion(normalized: string, lookup: DepartmentLookup, asked = normalized): ParsedQuestion {
  const intents = new Set<Intent>();
  for (const [intent, re] of INTENT_PATTERNS) if (re.test(normalized)) intents.add(intent);
  // "任务七哪些指标没完成": about one task, the status question is a progress question.
  if (intents.has("status")) intents.add("progress");

  let rest = normalized;
  const departments = lookup.find(rest);
  for (const d of departments) rest = rest.split(d.said).join(" ");
  const unknownDepartment = departments.length === 0 ? lookup.unknown(normalized) : null;
  if (unknownDepartment) rest = rest.split(unknownDepartment).join(" ");
  const nearDepartments = unknownDepartment ? lookup.near(unknownDepartment) : [];

  let taskNo: number | null = null;
  const moreTaskNos: number[] = [];
  let measureNo: number | null = null;
  if (intents.has("measures")) {
    const m = MEASURE_REF.exec(rest);
    if (m) {
      measureNo = ordinal(m[1]);
      rest = rest.replace(m[0], " ");
    }
  } else {
    for (const t of rest.matchAll(TASK_REFS)) {
      const no = ordinal(t[1] ?? t[2] ?? t[3] ?? t[4] ?? t[5]);
      if (no === null || no === taskNo || moreTaskNos.includes(no)) continue;
      if (taskNo === null) taskNo = no;
      else moreTaskNos.push(no);
    }
    rest = rest.replace(TASK_REFS, " ");
  }
  // "上市公司最近有什么进展": the time words bound the records asked about; they are not subject matter.
  if (intents.has("recent")) rest = rest.replace(RECENT_TIMES, " ");
  // "26年要到多少": a year as people shorten it in chat
  rest = rest.replace(SHORT_YEAR, (_m, yy: string) => `20${yy}年`);
  // "2023—2025年" names a plan's period, not a year a target falls due
  rest = rest.replace(/20\d{2}\s*年?\s*[—–\-~～至到]+\s*20\d{2}\s*年?/g, " ");
  // "2005年以前建的老旧管网": a year that describes the subject is no year a target falls due.
  rest = rest.replace(/(?:19|20)\d{2}\s*年?(?:以前|之前|以后|之后|以来|前后|前建|前的)/g, " ");
  const years = [...rest.matchAll(/(20\d{2})\s*年?/g)].map((m) => Number(m[1]));
  rest = rest.replace(/(到|至|截至|截止)?\s*20\d{2}\s*(年底|年末|年)?(前)?/g, " ");

  const topic = rest
    .replace(DEADLINE_WORDS, " ")
    .replace(
      /保障措施|保障(?!性|房)|措施|总体目标|总目标|三年目标|整体目标|主要目标|主要指标|核心指标|指标表|发展目标/g,
      " ",
    )
    .replace(FILLER, " ")
    // 要 is a filler word, but not in 要素 (集聚要素资源) or 要点
    .replace(/要(?!素|点)/g, " ")
    // a count of tasks or items ("两项", "10个") says how many, not about what
    .replace(/(^|\s)[一二两三四五六七八九十\d]{1,3}\s*(项|个|条)(?=\s|$)/g, " ")
    .replace(/[^\p{L}\p{N}%.]+/gu, " ")
    // a verb left hanging after a subject ("人工智能有目标吗" → 人工智能有) is the question's, not the subject's
    .replace(/(?<=[\u3400-\u9fff]{2})[有是的]+(?=\s|$)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  // "数字企业的截止时间" asks when that subject is due, not about the plan's own period.
  if (topic && ASKS_DEADLINE.test(normalized)) intents.delete("plan_info");
  return {
    normalized,
    asked,
    intents,
    departments,
    unknownDepartment,
    nearDepartments,
    taskNo,
    moreTaskNos,
    measureNo,
    years,
    topic,
  };
}
