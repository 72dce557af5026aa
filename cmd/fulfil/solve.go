package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"fulfil/datasets"
	"fulfil/solver/alloc"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
)

type solveFlags struct {
	timeLimit time.Duration
	seed      uint64
	threads   int
	progress  bool
	sol       string
	fleet     string
	policy    string
	twoBlock  bool
	set       map[string]bool // flags given on the command line
}

func runSolve(ctx context.Context, e env) error {
	var f solveFlags
	fs := newFlags(e, "solve", "[flags] FILE")
	fs.DurationVar(&f.timeLimit, "time-limit", 10*time.Second, "time limit of the search")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed")
	fs.IntVar(&f.threads, "threads", 0, "worker threads (0: all cores)")
	fs.StringVar(&f.fleet, "fleet-objective", "", "routing: cost or vehicles_first (default: vehicles_first for Li & Lim, else cost)")
	fs.BoolVar(&f.progress, "progress", false, "routing: print the search trace on stderr")
	fs.StringVar(&f.sol, "sol", "", "routing: also write the solution as a CVRPLIB .sol file (SINTEF's format for Li & Lim)")
	fs.StringVar(&f.policy, "policy", "optimal", "picker routing: optimal, sshape, largestgap or combined")
	fs.BoolVar(&f.twoBlock, "two-block", false, "picker routing: add a middle cross aisle (the two-block variant)")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one instance FILE, got %d arguments", errUsage, fs.NArg())
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	path := fs.Arg(0)
	format, err := datasets.DetectFile(path)
	if err != nil {
		return err
	}
	var out any
	switch format {
	case datasets.FormatVRPLIB, datasets.FormatSolomon, datasets.FormatLiLim, datasets.FormatVRPJSON:
		out, err = solveVRP(ctx, e, path, format, f)
	case datasets.FormatSPRP:
		out, err = solveSPRP(ctx, path, f)
	case datasets.FormatGAP:
		out, err = solveGAP(ctx, path, f)
	default:
		return fmt.Errorf("%s: unrecognised format (want a CVRPLIB .vrp, Solomon .txt, Li & Lim .txt, the service's routing JSON, picker-routing or one-problem GAP file)", path)
	}
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, out)
}

func solveVRP(ctx context.Context, e env, path string, format datasets.Format, f solveFlags) (*vrp.Output, error) {
	var lilim *datasets.LiLim
	var in *vrp.Input
	var err error
	opt := vrp.DefaultOptions()
	opt.TimeLimitS, opt.Seed, opt.Threads = f.timeLimit.Seconds(), f.seed, f.threads
	switch format {
	case datasets.FormatLiLim:
		if lilim, err = datasets.ReadLiLimFile(path); err == nil {
			in, err = lilim.VRPInput()
		}
		if f.fleet == "" {
			opt.FleetObjective = "vehicles_first"
		}
	case datasets.FormatVRPJSON:
		// The file's options stand, as the server would take them; flags
		// given on the command line override theirs.
		var req *datasets.VRPRequest
		if req, err = datasets.ReadVRPJSONFile(path); err == nil {
			in, opt = &req.Input, overrideOptions(req.Options, f)
		}
	default:
		in, err = datasets.ReadVRPInputFile(path)
	}
	if err != nil {
		return nil, err
	}
	if f.fleet != "" {
		opt.FleetObjective = f.fleet
	}
	if f.progress {
		opt.Progress = func(p vrp.TracePoint) {
			fmt.Fprintf(e.stderr, "%8.2fs  it %9d  best %12.2f  feasible %5.1f%%\n",
				p.TimeS, p.Iteration, p.BestCost, 100*p.FeasibleShare)
		}
	}
	out, err := vrp.Solve(ctx, in, opt)
	if err != nil {
		return nil, err
	}
	if lilim != nil {
		if err := writeSINTEF(lilim, out, f.sol); err != nil {
			return nil, err
		}
		return out, nil
	}
	if f.sol != "" {
		sol, err := datasets.SolutionFromOutput(out)
		if err != nil {
			return nil, err
		}
		if err := writeFile(f.sol, func(w io.Writer) error { return datasets.WriteSolution(w, sol) }); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sprpResult is the printed picker tour.
type sprpResult struct {
	Policy    wave.Policy     `json:"policy"`
	DistanceM float64         `json:"distance_m"`
	Picks     []wave.Position `json:"picks"` // in walking order
	Tour      wave.Tour       `json:"tour"`
}

func solveSPRP(ctx context.Context, path string, f solveFlags) (*sprpResult, error) {
	policy, err := wave.ParsePolicy(f.policy)
	if err != nil {
		return nil, fmt.Errorf("%w: --policy: %v", errUsage, err)
	}
	p, err := datasets.ReadSPRPFile(path)
	if err != nil {
		return nil, err
	}
	l, picks, err := p.WaveInput(f.twoBlock)
	if err != nil {
		return nil, err
	}
	t, err := wave.Route(ctx, l, picks, policy)
	if err != nil {
		return nil, err
	}
	if err := wave.CheckTour(l, picks, t); err != nil {
		return nil, fmt.Errorf("checking the tour: %w", err)
	}
	res := &sprpResult{Policy: policy, DistanceM: t.DistanceM, Tour: t}
	for _, k := range t.Order {
		res.Picks = append(res.Picks, picks[k])
	}
	return res, nil
}

func solveGAP(ctx context.Context, path string, f solveFlags) (*alloc.GAPOutput, error) {
	g, err := datasets.ReadGAPFile(path)
	if err != nil {
		return nil, err
	}
	opt := alloc.DefaultGAPOptions()
	opt.TimeLimitS, opt.Seed, opt.Threads = f.timeLimit.Seconds(), f.seed, f.threads
	out, err := alloc.SolveGAP(ctx, g.GAPInput(), opt)
	if err != nil {
		return nil, err
	}
	if cost, err := g.Check(out.Assignment); err != nil || cost != out.Cost {
		return nil, fmt.Errorf("checking the assignment: cost %d, recomputed %d: %v", out.Cost, cost, err)
	}
	return out, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeFile creates path and writes it with write, reporting close errors.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// writeSINTEF rechecks a Li & Lim plan with the benchmark's own checker
// and writes it to path in SINTEF's format (nothing when path is empty).
func writeSINTEF(l *datasets.LiLim, out *vrp.Output, path string) error {
	sol, err := datasets.SINTEFFromOutput(l.Name, out)
	if err != nil {
		return err
	}
	if out.Feasible {
		if _, _, err := l.Check(sol.Routes); err != nil {
			return fmt.Errorf("checking the plan with the Li & Lim rules: %w", err)
		}
	}
	if path == "" {
		return nil
	}
	return writeFile(path, func(w io.Writer) error { return datasets.WriteSINTEF(w, sol) })
}

// overrideOptions lays the command line's search flags over the options a
// routing JSON file carries: flags given win, and a file with neither a
// time limit nor an iteration budget gets the --time-limit default.
func overrideOptions(o vrp.Options, f solveFlags) vrp.Options {
	if f.set["time-limit"] || (o.TimeLimitS == 0 && o.Iterations == 0) {
		o.TimeLimitS = f.timeLimit.Seconds()
	}
	if f.set["seed"] {
		o.Seed = f.seed
	}
	if f.set["threads"] {
		o.Threads = f.threads
	}
	return o
}

// readArg reads the file a command names, or standard input for "-".
func readArg(e env, path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(e.stdin)
	}
	return os.ReadFile(path)
}
