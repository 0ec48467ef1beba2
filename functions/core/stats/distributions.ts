// Normal and Student t distributions, written out so that every digit is ours to vouch for:
// accurate to about 1e-13 relative (tests check 1e-10 against mpmath) for df from 1 to 1e6,
// including far tails, which is where p-values live.

const LN_SQRT_2PI = 0.9189385332046728; // ln(sqrt(2*pi)), the nearest double
const SQRT_PI = 1.772453850905516; // the nearest double
const EPS = 1e-16;

/** The 97.5 % normal quantile at full precision (../shared/docs/METHOD.md: 1.96 is not close enough). */
export const Z_975 = 1.959963984540054;

/**
 * Stirling correction: lnGamma(x) - ((x - 0.5) ln x - x + ln sqrt(2 pi)), for x >= 10,
 * from the Bernoulli-number series (truncation error below 1e-19 there).
 */
function stirlingCorrection(x: number): number {
  const x2 = 1 / (x * x);
  return (
    (1 / 12 -
      x2 *
        (1 / 360 -
          x2 *
            (1 / 1260 -
              x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 * (1 / 156 - x2 * (3617 / 122400)))))))) /
    x
  );
}

/** ln Gamma(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  // Shift up with Gamma(x) = Gamma(x + k) / (x (x+1) ... (x+k-1)).
  let product = 1;
  let y = x;
  while (y < 10) {
    product *= y;
    y += 1;
  }
  return lnGamma(y) - Math.log(product);
}

/**
 * ln B(a, b), arranged so that large arguments do not cancel each other
 * (the same split as R's lbeta: exact Stirling corrections for the large parts).
 */
export function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (!(p > 0)) throw new RangeError(`lnBeta needs a, b > 0, got ${a}, ${b}`);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lnGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 200_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b). Takes y = 1 - x as well, so that callers who know
 * 1 - x more precisely than the subtraction would give it (t tails) keep their precision.
 */
export function incompleteBeta(
  a: number,
  b: number,
  x: number,
  y = 1 - x,
  lnX = Math.log(x),
  lnY = Math.log(y),
): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // With a near 1e6, a * ln(x) magnifies any rounding of x: callers pass ln x from log1p.
  const lnFront = a * lnX + b * lnY - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  }
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, y)) / b;
}

/** P(T > t) for Student's t with df degrees of freedom (df may be fractional: Welch). */
export function studentTUpperTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalUpperTail(t);
  if (t === 0) return 0.5;
  const t2 = t * t;
  // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t^2) and 1 - x = t^2 / (df + t^2),
  // each (and its logarithm) computed without subtraction.
  let twoSided: number;
  if (t2 > df) {
    const r = df / t2;
    const lnOnePlusR = Math.log1p(r);
    twoSided = incompleteBeta(df / 2, 0.5, r / (1 + r), 1 / (1 + r), Math.log(r) - lnOnePlusR, -lnOnePlusR);
  } else {
    const r = t2 / df;
    const lnOnePlusR = Math.log1p(r);
    twoSided = incompleteBeta(df / 2, 0.5, 1 / (1 + r), r / (1 + r), -lnOnePlusR, Math.log(r) - lnOnePlusR);
  }
  const tail = twoSided / 2;
  return t > 0 ? tail : 1 - tail;
}

/** Student t CDF. */
export function studentTCdf(t: number, df: number): number {
  return studentTUpperTail(-t, df);
}

/** Student t density. */
export function studentTPdf(t: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return normalPdf(t);
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - lnBeta(df / 2, 0.5));
}

/** Two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

/**
 * Solves upperTail(x) = q for x > 0 (q in (0, 0.5]) by Newton steps, safeguarded by bisection
 * inside a bracket so that heavy tails (df near 1) cannot throw it off.
 */
function invertUpperTail(
  q: number,
  upperTail: (x: number) => number,
  density: (x: number) => number,
  guess: number,
): number {
  // upperTail is decreasing; the root is where it crosses q.
  let lo = 0;
  let hi = Math.max(1, guess);
  while (upperTail(hi) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Number.POSITIVE_INFINITY;
  }
  let x = guess > lo && guess < hi ? guess : (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = upperTail(x) - q; // decreasing in x
    if (f === 0) return x;
    if (f > 0) lo = x;
    else hi = x;
    const step = f / density(x);
    let next = x + step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.abs(next) || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}

/** The x with P(T > x) = q, for q in (0, 1). */
export function studentTQuantileUpper(q: number, df: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`);
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (df === Number.POSITIVE_INFINITY) return normalQuantileUpper(q);
  if (q > 0.5) return -studentTQuantileUpper(1 - q, df);
  if (q === 0.5) return 0;
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) * Math.sqrt(2 / (4 * q * (1 - q)));
  // Cornish-Fisher start from the normal quantile; Newton polishes it to full precision.
  const z = normalQuantileUpper(q);
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const guess = z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
  return invertUpperTail(
    q,
    (x) => studentTUpperTail(x, df),
    (x) => studentTPdf(x, df),
    guess,
  );
}

/** The t critical value for a two-sided interval of the given confidence (0.95 -> t(0.975)). */
export function studentTCritical(confidence: number, df: number): number {
  return studentTQuantileUpper((1 - confidence) / 2, df);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/** erf(x) by its all-positive series, for 0 <= x < 2.5. */
function erfSeries(x: number): number {
  // erf(x) = 2/sqrt(pi) e^{-x^2} sum_{n>=0} 2^n x^{2n+1} / (1*3*...*(2n+1))
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * EPS) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc(x) for x >= 2 by its continued fraction (modified Lentz). */
function erfcContinuedFraction(x: number): number {
  // erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const an = n / 2;
    d = x + an * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Complementary error function, accurate in relative terms far into the tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // below the smallest double
  return erfcContinuedFraction(x);
}

/** P(Z > z) for the standard normal. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

/** Two-sided p-value of a z statistic. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** The z with P(Z > z) = q, for q in (0, 1). */
export function normalQuantileUpper(q: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`);
  if (q > 0.5) return -normalQuantileUpper(1 - q);
  if (q === 0.5) return 0;
  if (q > 0.25) {
    // Near the centre solve 0.5 * erf(z / sqrt 2) = 0.5 - q instead: both sides are then free of
    // the cancellation in 0.5 - (tail), and 0.5 - q is exact for q in [0.25, 0.5].
    const target = 0.5 - q;
    return invertUpperTail(-target, (x) => -0.5 * erfSeries(x / Math.SQRT2), normalPdf, target * 2.5066282746310002);
  }
  // Abramowitz & Stegun 26.2.23 (error < 4.5e-4) as the start; Newton makes it exact.
  const t = Math.sqrt(-2 * Math.log(q));
  const guess =
    t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return invertUpperTail(q, normalUpperTail, normalPdf, guess);
}
