package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fulfil/vroom"
)

// runVroom answers a problem in VROOM's JSON format (FILE, or - for stdin)
// in VROOM's output format, as `vroom -i FILE` does; a vehicle with steps
// is evaluated as given, as with `vroom -c`. An error prints VROOM's error
// body ({"code": 2, "error": ...}) and exits with 1.
func runVroom(ctx context.Context, e env) error {
	opt := vroom.Options{}
	var timeLimit time.Duration
	fs := newFlags(e, "vroom", "[flags] FILE")
	fs.DurationVar(&timeLimit, "time-limit", 5*time.Second, "time limit of the search (0: iterations only)")
	fs.Int64Var(&opt.Search.Iterations, "iterations", 0, "offspring budget of the search (0: unlimited)")
	fs.Uint64Var(&opt.Search.Seed, "seed", 1, "random seed")
	fs.IntVar(&opt.Search.Threads, "threads", 0, "worker threads (0: all cores)")
	fs.Float64Var(&opt.SpeedKmh, "speed-kmh", vroom.DefaultSpeedKmh, "driving speed on coordinates without matrices")
	fs.Float64Var(&opt.RoadFactor, "road-factor", vroom.DefaultRoadFactor, "road distance / great-circle distance on coordinates without matrices")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one VROOM input FILE (or - for stdin), got %d arguments", errUsage, fs.NArg())
	}
	opt.Search.TimeLimitS = timeLimit.Seconds()
	body, err := readArg(e, fs.Arg(0))
	if err != nil {
		return err
	}
	out, err := vroom.SolveJSON(ctx, body, opt)
	if ve, ok := errors.AsType[*vroom.Error](err); ok {
		if werr := writeJSON(e.stdout, ve.Body()); werr != nil {
			return werr
		}
		return fmt.Errorf("code %d: %w", ve.Code, err)
	}
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, out)
}
