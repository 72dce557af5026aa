package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"fulfil/nightly"
)

// runPlan plans the night of an input document, with orders from CSV or
// XLSX files added, and writes the files.
func runPlan(ctx context.Context, e env) error {
	opt := nightly.DefaultOptions()
	fs := newFlags(e, "plan", "[flags] INPUT.json")
	var orders multiFlag
	fs.Var(&orders, "orders", "add the order lines of this CSV or XLSX file (repeatable)")
	out := planFlags(fs, &opt, "fulfil-plan")
	args, err := parseInterspersed(fs, e.args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("%w: plan takes one input file, got %d arguments", errUsage, len(args))
	}
	in, err := nightly.ReadInputFile(args[0])
	if err != nil {
		return err
	}
	for _, path := range orders {
		if err := nightly.ReadOrdersFile(path, in); err != nil {
			return err
		}
	}
	return planAndWrite(ctx, e, in, opt, *out)
}

// planFlags registers the flags plan and demo share and returns the output
// directory's.
func planFlags(fs *flag.FlagSet, opt *nightly.Options, dir string) *string {
	out := fs.String("out", dir, "write the plan's files into this directory")
	fs.Uint64Var(&opt.Routing.Seed, "seed", opt.Routing.Seed, "seed of the routing search")
	fs.Func("time-limit", fmt.Sprintf("time limit of the routing search (default %v)", opt.Routing.TimeLimit()), func(v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return fmt.Errorf("want a duration >= 0 such as 5s, got %q", v)
		}
		opt.Routing.TimeLimitS = d.Seconds()
		return nil
	})
	fs.Int64Var(&opt.Routing.Iterations, "iterations", 0, "iteration budget of the routing search (0: none)")
	fs.IntVar(&opt.Routing.Threads, "threads", 0, "worker threads (0: all cores)")
	fs.IntVar(&opt.MaxTrips, "max-trips", opt.MaxTrips, "trips per truck when the fleet is short (1: one trip)")
	return out
}

// planAndWrite runs the plan, writes its files and prints the summary.
func planAndWrite(ctx context.Context, e env, in *nightly.Input, opt nightly.Options, dir string) error {
	opt.Waves.Threads, opt.Alloc.Threads, opt.Stock.Threads = opt.Routing.Threads, opt.Routing.Threads, opt.Routing.Threads
	p, err := nightly.Run(ctx, in, opt)
	if err != nil {
		return err
	}
	files, err := nightly.Files(p)
	if err != nil {
		return err
	}
	paths, err := nightly.WriteDir(dir, files)
	if err != nil {
		return fmt.Errorf("writing the files: %w", err)
	}
	nightly.Summary(e.stdout, p, paths)
	return nil
}

// parseInterspersed parses flags before and after the arguments
// (`plan INPUT --out DIR`) and returns the arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }
