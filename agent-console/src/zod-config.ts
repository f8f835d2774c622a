// Imported first by main.tsx. zod compiles fast object parsers with `new Function` after probing
// whether eval is allowed; the console's CSP (no 'unsafe-eval') blocks it, and the probe alone
// is reported as a security-policy violation. jitless skips both: same results, no eval.
import { z } from "zod";

z.config({ jitless: true });
