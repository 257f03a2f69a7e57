// Preloaded into a server process (NODE_OPTIONS=--import) to run its clock ahead by
// GUATU_TEST_CLOCK_SHIFT_MS, so a test can see what a link that expires in a day does tomorrow
// without waiting a day. Only wall-clock time moves; timers are untouched.
const shiftMs = Number(process.env.GUATU_TEST_CLOCK_SHIFT_MS ?? '0')
if (Number.isFinite(shiftMs) && shiftMs !== 0) {
  const RealDate = Date
  const realNow = RealDate.now.bind(RealDate)
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + shiftMs)
      else super(...args)
    }
    static now() {
      return realNow() + shiftMs
    }
  }
  globalThis.Date = ShiftedDate
}
