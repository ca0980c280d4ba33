// Calibration: turning scores into probabilities that mean what they say. A score from the
// classifier or a count of chain-message cues is not a probability; fitted on the district's own
// decisions (out-of-sample scores against the admins' labels), a logistic model maps them to
// "how often is an item like this a hoax here", with the district's observed hoax rate as its
// starting point.

export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * The hoax rate of a history, pulled towards `prior` by `pseudoCount` imaginary decisions:
 * with no decisions it is the prior, with many it is what the admins observed.
 */
export function smoothedRate(hoax: number, total: number, prior: number, pseudoCount: number): number {
  return (hoax + prior * pseudoCount) / (total + pseudoCount);
}

/**
 * Platt's targets: instead of 0 and 1, (n₊ + 1)/(n₊ + 2) and 1/(n₋ + 2), so that a small or
 * separable history does not drive the fitted slope to infinity.
 */
export function plattTargets(labels: readonly boolean[]): number[] {
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  return labels.map((hoax) => (hoax ? (positives + 1) / (positives + 2) : 1 / (negatives + 2)));
}

export interface LogisticOptions {
  /** Each coefficient is pulled towards centre[j] with strength ridge[j] (a Gaussian prior). */
  ridge: readonly number[];
  centre: readonly number[];
  /** Optional bounds per coefficient, e.g. [0, 1] for "may count less, never against". */
  bounds?: ReadonlyArray<readonly [number, number] | undefined>;
  /** A fixed log-odds term per row that the fit takes as given (coefficient 1). */
  offset?: readonly number[];
  iterations?: number;
}

/**
 * Logistic regression by Newton's method with a ridge towards prior values and box bounds
 * (coefficients are clamped after each step; with a handful of coefficients and a ridge the
 * problem is small and convex enough for that). Rows are feature vectors; put a constant 1 in
 * them for an intercept. Targets may be fractional (Platt's). Returns the coefficients.
 */
export function fitLogistic(rows: readonly (readonly number[])[], targets: readonly number[], options: LogisticOptions): number[] {
  const k = options.centre.length;
  const w = [...options.centre];
  const clamp = (j: number, v: number) => {
    const b = options.bounds?.[j];
    return b ? Math.min(b[1], Math.max(b[0], v)) : v;
  };
  for (let j = 0; j < k; j++) w[j] = clamp(j, w[j] as number);
  const loss = (coef: readonly number[]) => {
    let total = 0;
    rows.forEach((x, i) => {
      const z = dot(coef, x) + (options.offset?.[i] ?? 0);
      const t = targets[i] as number;
      // log(1 + e^z) − t·z, computed without overflow
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    });
    for (let j = 0; j < k; j++) total += 0.5 * (options.ridge[j] as number) * ((coef[j] as number) - (options.centre[j] as number)) ** 2;
    return total;
  };
  let current = loss(w);
  for (let iteration = 0; iteration < (options.iterations ?? 50); iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    rows.forEach((x, i) => {
      const p = sigmoid(dot(w, x) + (options.offset?.[i] ?? 0));
      const r = p - (targets[i] as number);
      const s = p * (1 - p);
      for (let a = 0; a < k; a++) {
        gradient[a]! += r * (x[a] as number);
        for (let b = 0; b < k; b++) hessian[a]![b]! += s * (x[a] as number) * (x[b] as number);
      }
    });
    for (let j = 0; j < k; j++) {
      gradient[j]! += (options.ridge[j] as number) * ((w[j] as number) - (options.centre[j] as number));
      hessian[j]![j]! += (options.ridge[j] as number) + 1e-9;
    }
    const step = solve(hessian, gradient);
    if (!step) break;
    // Damped step: halve until the loss does not grow (Newton can overshoot on separable data).
    let scale = 1;
    let next = w;
    let nextLoss = current;
    for (let tries = 0; tries < 30; tries++) {
      const candidate = w.map((v, j) => clamp(j, v - scale * (step[j] as number)));
      const candidateLoss = loss(candidate);
      if (candidateLoss <= current) {
        next = candidate;
        nextLoss = candidateLoss;
        break;
      }
      scale /= 2;
    }
    const moved = Math.max(...next.map((v, j) => Math.abs(v - (w[j] as number))));
    w.splice(0, k, ...next);
    current = nextLoss;
    if (moved < 1e-7) break;
  }
  return w;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Gaussian elimination with partial pivoting; undefined for a singular matrix. */
function solve(matrix: number[][], vector: number[]): number[] | undefined {
  const n = vector.length;
  const m = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}
