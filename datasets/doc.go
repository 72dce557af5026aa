// Package datasets reads the benchmark file formats fulfil is measured on,
// converts them to solver inputs, and generates synthetic community
// group-buying scenarios.
//
// Readers take an io.Reader and a name used in errors (each has a ...File
// convenience taking a path) and return a *ParseError reading
// "name:line: SECTION: node k: problem" for malformed input, never a
// panic. They check format and ranges, not feasibility.
//
//   - vrplib.go: TSPLIB/VRPLIB CVRP instances (CVRPLIB .vrp). Node 0 is the
//     depot after reading, so customer c of a .sol is node c.
//   - sol.go: CVRPLIB solution files (.sol), read and written.
//   - solomon.go: Solomon and Gehring–Homberger VRPTW text files.
//   - orlib.go: generalized assignment problems, one-problem and OR-Library
//     multi-problem files.
//   - sprp.go: Heßler–Irnich single picker routing instances and their
//     result tables.
//   - bks.go: the bks.csv best-known-value index of each benchmark set.
//   - detect.go: Detect guesses a file's format from its first bytes.
//   - check.go: VRPLIB.Check and Solomon.Check recompute a .sol's cost
//     and feasibility under a set's rounding.
//   - rounding.go: RoundingFor, the set's convention (geo.Nint for A, B,
//     P, X; geo.Exact for CMT, Golden; geo.Trunc1 for Solomon, GH).
//   - vrpinput.go: VRPLIB and Solomon to vrp.Input; benchmark
//     inputs use explicit matrices and stop ids "1".."n", so that
//     SolutionFromOutput turns a plan back into a .sol.
//   - generate.go, generate_floor.go: Generate builds the input of the
//     nightly plan (nightly.Input: city, grid warehouses with floors and
//     pickers, suppliers, catalogue, one group-buy activity per pickup
//     point, orders with the time they were placed, trucks, stock, demand
//     history) deterministically from ScenarioOptions; DefaultScenario is
//     the Dragon Boat festival promotion.
//   - embed.go: Samples and Sample, one small real instance per format
//     (and two solutions) built into the binary for demonstrations.
//
// Integer quantities (demand, capacity, GAP costs) are int64; distances
// and times are float64 in the instance's own units.
package datasets
