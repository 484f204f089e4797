/**
 * Monthly attrition → weekly attrition, compounding: a month is 52/12 weeks, so the fraction still employed after a
 * month, (1 − m), equals (1 − w)^(52/12); hence w = 1 − (1 − m)^(12/52).
 * @example weeklyAttritionFromMonthly(0.03) // 0.0070044 (3% a month ≈ 0.70% a week, not 3/4.33 = 0.69%)
 * @throws RangeError if monthlyFraction is not in [0, 1)
 */
export function weeklyAttritionFromMonthly(monthlyFraction: number): number {
  if (!(Number.isFinite(monthlyFraction) && monthlyFraction >= 0 && monthlyFraction < 1)) {
    throw new RangeError(`monthly attrition must be a fraction in [0, 1), got ${monthlyFraction}`)
  }
  return 1 - (1 - monthlyFraction) ** (12 / 52)
}
