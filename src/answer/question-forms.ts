// What questions look like: the phrasings the resolver branches on (who is in overall charge, tasks with or without
// targets, counts, comparisons, thanks…). Patterns only; what each one leads to is in kinds/ (table in resolve.ts).
import { PLAN_OVERVIEW } from "./question.js";

/** "是12家吗", "是不是200亿", "对吗": the question asks whether a figure it quotes is right. */
export const ASKS_IF_RIGHT = /吗|是不是|对不对|对吧|没错吧|是否|\bis it\b|\bright\?|\bcorrect\b/;

/**
 * Whether a named department has a role in a task: asked yes or no ("…牵头吗", "是不是…", or a bare claim sent as a
 * question: "综保办牵头跨境电商那块"), or which of the two.
 */
export const ASKS_ROLE =
  /(牵头|负责|协同|配合|参与|协助|管).{0,24}(吗|么|没有)|是不是|是否|还是|^[^哪谁什么啥几多]{2,16}(牵头|负责)[^哪谁什么啥几多的]{2,20}$|^(does|do|is|are)\b/;

/** "谁是总负责": the overall charge, which plans state in a safeguard measure (主要领导负总责), not in a task. */
export const OVERALL_CHARGE = /负总责|总负责|总牵头|总体负责|总责任/;
/** How a measure states who is in overall charge: 主要领导负总责, a leading group and its head, a task force. */
export const OVERALL_CHARGE_STATED = /负总责|总负责|总牵头|总体负责|总责任|任组长|领导小组|工作专班/;
/** "谁负责跟踪这个计划的落实": the same question, about the plan as a whole rather than one of its tasks. */
export const WHOLE_PLAN_CHARGE =
  /(谁|哪个部门|哪个单位|哪位领导).{0,6}(整个|这个|本|全)?(计划|方案|行动计划)的?(落实|实施|推进|执行|统筹)|(整个|这个|本)(计划|方案)的?(落实|实施|推进|执行|统筹).{0,4}(谁|哪个部门|哪个单位)/;

/** What a question for every department may leave in its topic: counts and superlatives, no subject. */
export const OVERVIEW_TOPIC = /^(最多|最少|多少|几个|几项|个|有|都|各|分别|名单|清单|列表|一共|总共|\s)*$/;

/** "哪些任务没有量化目标" (group 1 or 2 set) / "哪些任务有量化目标": the tasks without or with targets. */
export const TASKS_BY_TARGETS = new RegExp(
  [
    /(?:哪些|哪几项|哪几个|哪个|哪项)(?:重点)?(?:任务|工作)(?:是)?(?:还)?(没有|没|无|未|不带)?(?:有|带)?(?:设定|设置|提出|规定|写明)?(?:了)?(?:量化|具体)?的?(?:目标|指标)/
      .source,
    // "所有有量化指标的任务", "没有量化目标的任务": the same, said the other way round
    /(?:所有|全部)?(没有|没|无|未)?(?:有|带|设定了?)(?:量化|具体)?的?(?:目标|指标)的(?:重点)?(?:任务|工作)/.source,
  ].join("|"),
);

/** "协同部门有几个", "有几个部门参与": how many units, not which. */
export const COUNT_UNITS = /(几|多少)个?(部门|单位)|(部门|单位)(有|共|一共)?(几|多少)个?/;

/** Two departments compared by how many tasks they lead or join. */
export const COMPARE_DEPARTMENTS = /(谁|哪个|哪家).{0,8}(多|少)|(多|少)一些|比较|对比|区别|不同|差别|差异/;

/** A message that only thanks or acknowledges ("谢谢", "好的", "收到"): no question to answer. */
export const ACKNOWLEDGEMENT =
  /^(谢谢|多谢|感谢|谢了|辛苦了?|好的?|收到|明白了?|知道了|了解了?|ok|okay|嗯+|thanks|thank you)[!！。.~～]*$/;

/** A question for a figure, not for what the text requires. */
export const FIGURE_WORDS = /目标|指标|多少|几[家个项亿万]|数字|量化|数量|规模/;

/** Words that point back at something asked before ("它的目标", "这项任务谁牵头"); not 这个计划, which is the plan. */
export const ANAPHOR = /它们?|其(?=目标|进展|牵头|协同)|(?:这|该|此)(?:项|个|条)?(?:任务|工作|事)/;

/** "协同部门最多的是哪个任务", "哪个任务的目标最多": tasks ranked, not one task. */
export const MOST_PARTNERS = /(协同|配合)(部门|单位)?(最多|数量最多)|最多.{0,2}(协同|配合)(部门|单位)/;
export const MOST_TARGETS = /(目标|指标)(数量)?最多|最多.{0,4}(目标|指标)的?(任务|工作)/;

/** "有多少个量化指标": how many targets the plan sets, not what its overall goals are. */
export const COUNT_TARGETS = /(多少|几)(个|项|条)?(量化)?(指标|目标)|量化(指标|目标)(有|共|一共)?(多少|几)/;

/** Words that ask for every unit even right after a task ("所有部门有哪些"). */
export const EVERY_UNIT = /所有|全部|各个|每个|各部门|名单|清单|列表|最多|最少|多少个|几个/;

export const DEPARTMENT_OVERVIEW =
  /(哪些|哪几个|多少个|几个|所有|全部|各个|每个)(牵头|协同|责任|参与)?的?(部门|单位)|(部门|单位)(名单|清单|列表|有哪些|有几个|有多少)|(哪个|哪家)(部门|单位).{0,6}最(多|少)|(各|每个)(部门|单位).{0,6}(几项|多少项|分别|各)/;

/** "资金保障有什么规定", "人才保障方面": a named kind of safeguard, asked about as such (not "…保障平台"). */
export const SAFEGUARD_KIND =
  /([\u4e00-\u9fff]{2,8})保障(?=措施|方面|工作|上|有|是|怎么|如何|什么|的?要求|的?规定|[?？]|$)/;
export const SAFEGUARD_KIND_FILLER =
  /^(关于|对于|有关|有没有|是否有|在)|(方面|上面|这块|领域)?(有|是|的)?(什么|哪些|何种|啥)?$/g;

/** Asking about the text's own defects: 错别字, 缺字, "这个计划有什么问题". */
export const DEFECTS =
  /错别字|缺字|错字|抓取|瑕疵|原文.{0,4}(错|缺|问题)|(计划|文件|文本|方案)(里|中|本身)?(有|存在)(什么|哪些)?(问题|错误|缺陷)/;

/** How a department's full name ends; a short name without it (财政, 科技) can be part of a subject's words. */
export const DEPT_ENDING = /(局|委|办|公司|中心|管委会|街道|院|厅|署)$/;

/** A word's last character and a generic tail after it (物流|业, 品牌|建设), for resolveTopic to drop when unknown. */
export const GENERIC_TAIL = /([\u4e00-\u9fff])(?:业|建设|工作|问题|事项)(?=\s|$)/g;

/** "每年要完成哪些目标", "年均指标": the targets every year of the plan carries. */
export const EVERY_YEAR = /(每一?年|年年|年均|每年度).{0,8}(目标|指标|任务|要求)/;
export const EVERY_YEAR_WORDS = /每一?年|年年|年均|每年度|都|要|度/g;

export const OVERVIEW_WORDS = new RegExp(PLAN_OVERVIEW.source, "g");

/** What is asked of a plan as a whole (its goals, measures, particulars, task list, standing). */
export const WHOLE_PLAN_INTENTS = [
  "goals",
  "measures",
  "plan_info",
  "task_list",
  "status",
  "recent",
  "progress",
] as const;

/** "千亿产业是哪个", "百亿企业指的是什么": which thing a goal's words stand for. */
export const IDENTIFY = /是哪[个些家项]|指的?是?(什么|哪)|具体是|是什么(产业|企业|项目)|哪个产业|哪些产业/;

/** What is left of a follow-up ("那协同部门呢", "它的目标") once question words are gone: no subject of its own. */
export const TRIVIAL_TOPIC = /^[有共总一都的个项条了吗呢啊那它这该此其么还\s]*$/;
