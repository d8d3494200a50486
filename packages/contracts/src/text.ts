/**
 * Text PostgreSQL and JSON cannot hold. A lone UTF-16 surrogate ("\udfff") is legal in a JS
 * string and in JSON text, but it is not Unicode: PostgreSQL refuses it inside jsonb and the
 * UTF-8 encoder silently turns it into U+FFFD inside text — stored, but not what was sent. NUL is
 * refused by both. Such text is turned away at every boundary (HTTP, Kafka, workflow Updates)
 * with the path of the field, so it never reaches an activity that could only fail on it.
 * Zod-free: workflow code (the Update validators) uses it too.
 */

export interface TextIssue {
  path: string;
  message: string;
}

/** Half of a surrogate pair without its other half (String.prototype.isWellFormed, before ES2024). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with one string, or null when it can be stored and shown back exactly. */
export function unstorableText(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode text (it holds half of a surrogate pair)";
  return null;
}

/**
 * Every string (and object key) anywhere in a JSON value that cannot be stored, with its path
 * ("data.products.0.description"). Walks iteratively, so a deeply nested value cannot overflow
 * the stack here.
 */
export function unstorableTextIssues(value: unknown, prefix = ""): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === "string") {
      const message = unstorableText(v);
      if (message) issues.push({ path: path || "(root)", message });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, i)]);
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        const message = unstorableText(k);
        // The key itself is unprintable: name the field by its position instead.
        if (message) issues.push({ path: join(path, `[key ${i}]`), message: `field name ${message}` });
        stack.push([child, join(path, k)]);
      }
    }
  }
  return issues;
}
