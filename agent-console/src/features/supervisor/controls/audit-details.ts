// An audit entry's details as one line: nested fields as "queue.capacity: 500".
export function detailsText(details: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) parts.push(`${path}: ${value.map(String).join(", ")}`);
    else if (value !== null && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0 && path) parts.push(`${path}: –`);
      for (const [key, inner] of entries) walk(inner, path ? [path, key].join(".") : key);
    } else if (value !== undefined) parts.push(path ? `${path}: ${String(value)}` : String(value));
  };
  walk(details, "");
  return parts.join(" · ");
}
