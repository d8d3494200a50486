/**
 * Texts of tasks in the language shown. A text a kind's template wrote exists in both languages
 * (the English as `title`/`task`, the Korean beside it as `titleKo`/`taskKo`); a text people wrote
 * has no Korean twin and is shown as written in either language.
 */
export const inLanguage = (lang: string, written: string, ko?: string | null): string => (lang === "ko" && ko ? ko : written);

export const titleIn = (lang: string, t: { title: string; titleKo?: string | null }) => inLanguage(lang, t.title, t.titleKo);
export const taskIn = (lang: string, a: { task: string; taskKo?: string | null }) => inLanguage(lang, a.task, a.taskKo);
/** A person as the directory names them, in Korean where it has the Korean name. */
export const nameIn = (lang: string, p: { name: string; nameKo?: string | null }) => inLanguage(lang, p.name, p.nameKo);
