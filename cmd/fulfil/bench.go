package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"time"

	"fulfil/bench"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

func runBench(ctx context.Context, e env) error {
	var (
		dir, filter, format, policy, compare, tuning string
		timeLimit                                    time.Duration
		seed                                         uint64
		threads                                      int
		twoBlock, quiet                              bool
	)
	fs := newFlags(e, "bench", "--set DIR [flags]")
	fs.StringVar(&dir, "set", "", "benchmark set folder (with bks.csv, or the picker-routing folder)")
	fs.StringVar(&filter, "filter", "", "only instances whose name matches this regular expression")
	fs.DurationVar(&timeLimit, "time-limit", 10*time.Second, "time limit per instance")
	fs.Uint64Var(&seed, "seed", 1, "random seed")
	fs.IntVar(&threads, "threads", 0, "worker threads (0: all cores)")
	fs.StringVar(&format, "format", "md", "output format: md, csv or json")
	fs.StringVar(&policy, "policy", "optimal", "picker routing: optimal, sshape, largestgap or combined")
	fs.BoolVar(&twoBlock, "two-block", false, "picker routing: the two-block variant")
	fs.BoolVar(&quiet, "quiet", false, "no per-instance progress on stderr")
	fs.StringVar(&tuning, "vrp-options", "", `routing: a JSON object of solver options over the defaults, e.g. '{"mutation_share":-1}' (time_limit_s, seed and threads come from the flags)`)
	fs.StringVar(&compare, "compare", "", "JSON report of an earlier run (--format json) to compare with, instance by instance (md output)")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if dir == "" || fs.NArg() != 0 {
		return fmt.Errorf("%w: want --set DIR and no other arguments", errUsage)
	}
	if format != "md" && format != "csv" && format != "json" {
		return fmt.Errorf("%w: --format: want md, csv or json, got %q", errUsage, format)
	}
	opt := bench.Options{TimeLimit: timeLimit, Seed: seed, Threads: threads, Policy: policy}
	if tuning != "" {
		o := vrp.DefaultOptions()
		if err := solver.DecodeJSON([]byte(tuning), "--vrp-options", &o); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if err := o.Validate(); err != nil {
			return fmt.Errorf("%w: --vrp-options: %v", errUsage, err)
		}
		opt.VRP = &o
	}
	if filter != "" {
		re, err := regexp.Compile(filter)
		if err != nil {
			return fmt.Errorf("%w: --filter: %v", errUsage, err)
		}
		opt.Filter = re
	}
	var before *bench.Report
	if compare != "" {
		if format != "md" {
			return fmt.Errorf("%w: --compare writes Markdown; drop --format %s", errUsage, format)
		}
		f, err := os.Open(compare)
		if err != nil {
			return err
		}
		before, err = bench.ReadReportJSON(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", compare, err)
		}
	}
	set, err := bench.Open(dir, twoBlock)
	if err != nil {
		return err
	}
	var progress func(bench.Result)
	if !quiet {
		progress = func(r bench.Result) {
			fmt.Fprintf(e.stderr, "%-28s cost %12.2f  gap %7.3f%%  %6.2fs  feasible=%v %s\n",
				r.Instance, r.Cost, r.GapPct, r.TimeS, r.Feasible, r.Error)
		}
	}
	rep, err := bench.Run(ctx, set, opt, progress)
	if rep != nil && len(rep.Results) > 0 {
		var werr error
		switch {
		case format == "csv":
			werr = rep.CSV(e.stdout)
		case format == "json":
			werr = rep.JSON(e.stdout)
		case before != nil:
			werr = rep.MarkdownCompare(e.stdout, before)
		default:
			werr = rep.Markdown(e.stdout)
		}
		if werr != nil {
			return werr
		}
	}
	return err
}
