package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fulfil/datasets"
	"fulfil/nightly"
	"fulfil/reroute"
	"fulfil/reroute/simulate"
)

// runSimulate replays the festival's delivery day from its nightly plan
// with events under the three policies and prints the figures.
func runSimulate(ctx context.Context, e env) error {
	fs := newFlags(e, "simulate", "[flags]")
	scenario := fs.String("scenario", "festival", "the day to replay: festival (the demo's embedded scenario)")
	eventsFile := fs.String("events", "", "events file, JSON lines (empty: the built-in day: a jam, a breakdown, 5 new orders, 3 cancellations)")
	format := fs.String("format", "text", "text (table, events, SVG timeline) or json")
	svg := fs.String("svg", "simulate.svg", "where text mode writes the SVG timeline (empty: none)")
	policies := fs.String("policies", "none,reroute,resolve", "policies to run, comma-separated")
	var opt simulate.Options
	fs.Float64Var(&opt.ResolveS, "resolve-s", 10, "time limit of each solve from scratch of the resolve policy, seconds")
	fs.Float64Var(&opt.Reroute.TimeLimitS, "reroute-s", reroute.DefaultTimeLimitS, "time budget of each re-route, seconds")
	fs.Uint64Var(&opt.Reroute.Seed, "seed", 1, "seed of the re-routes")
	planOpt := nightly.DefaultOptions()
	planOpt.Routing.Threads = 1
	dump := fs.String("requests", "", "write each request of the reroute policy into this directory (reroute-HHMM.json), for fulfil reroute or fulfil load")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: simulate takes no arguments", errUsage)
	}
	if *scenario != "festival" {
		return fmt.Errorf("%w: --scenario: want festival, got %q", errUsage, *scenario)
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("%w: --format: want text or json, got %q", errUsage, *format)
	}
	opt.Policies = strings.Split(*policies, ",")
	in, err := datasets.Generate(datasets.DefaultScenario())
	if err != nil {
		return fmt.Errorf("generating the scenario: %w", err)
	}
	planOpt.Waves.Threads, planOpt.Alloc.Threads, planOpt.Stock.Threads = 1, 1, 1
	plan, err := nightly.Run(ctx, in, planOpt)
	if err != nil {
		return fmt.Errorf("planning the night: %w", err)
	}
	events := simulate.DefaultEvents(in, plan)
	if *eventsFile != "" {
		f, err := os.Open(*eventsFile)
		if err != nil {
			return err
		}
		defer f.Close()
		if events, err = reroute.ReadEvents(f, *eventsFile, simulate.Names(in)); err != nil {
			return err
		}
	}
	var dumpErr error
	if *dump != "" {
		if err := os.MkdirAll(*dump, 0o755); err != nil {
			return err
		}
		opt.Request = func(at float64, rq *reroute.Request) {
			name := filepath.Join(*dump, "reroute-"+strings.ReplaceAll(reroute.FormatClock(at), ":", "")+".json")
			f, err := os.Create(name)
			if err == nil {
				err = writeJSON(f, rq)
				err = errors.Join(err, f.Close())
			}
			dumpErr = cmp.Or(dumpErr, err)
		}
	}
	res, err := simulate.Run(ctx, in, plan, events, opt)
	if err == nil {
		err = dumpErr
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		for i := range res.Policies {
			res.Policies[i].Trucks = nil
		}
		return writeJSON(e.stdout, res)
	}
	fmt.Fprintf(e.stdout, "%s: %d deliveries due, %d trucks, %d events\n", in.Name, res.Stops, len(in.Trucks), len(events))
	for _, ev := range events {
		fmt.Fprintf(e.stdout, "  %s\n", simulate.Describe(ev))
	}
	fmt.Fprintln(e.stdout)
	if err := simulate.WriteTable(e.stdout, res); err != nil {
		return err
	}
	if *svg != "" {
		f, err := os.Create(*svg)
		if err != nil {
			return err
		}
		if err := simulate.WriteSVG(f, res, events, float64(in.DeadlineS)); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\ntimeline: %s\n", *svg)
	}
	return nil
}
