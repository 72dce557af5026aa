package server

import (
	"context"
	"time"

	"fulfil/solver"
	"fulfil/solver/vrp"
	"fulfil/vroom"
)

// prepareVroom serves POST /v1/vroom: VROOM's input, answered in VROOM's
// output shape by the vrp solver through the vroom adapter. Errors keep
// VROOM's shape too ({"code": 2, "error": "..."}, 400 for input errors),
// so a vroom-express client needs only the new URL. VROOM's input has no
// time limit: the search runs for the server's default (2 s) and stops
// earlier when it converges; threads as for /v1/vrp (one).
func prepareVroom(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	in, err := vroom.Decode(body)
	if err != nil {
		return nil, err
	}
	if err := firstError(
		limitCount(joinField(prefix, "jobs"), len(in.Jobs), s.cfg.MaxStops, "jobs"),
		limitCount(joinField(prefix, "vehicles"), len(in.Vehicles), s.cfg.MaxVehicles, "vehicles"),
	); err != nil {
		return nil, err
	}
	opt := vroom.Options{Search: vrp.DefaultOptions()}
	opt.Search.TimeLimitS = min(s.cfg.DefaultTimeLimit, limit).Seconds()
	deadline, err := s.tune(&opt.Search, &opt.Search.TimeLimitS, &opt.Search.Threads, joinField(prefix, "options"), limit)
	if err != nil {
		return nil, err
	}
	return solveWith("vroom", deadline,
		func(ctx context.Context) (*vroom.Output, error) { return vroom.Solve(ctx, in, opt) },
		func(o *vroom.Output) *solver.Stats { return &o.Stats },
		func(err error) error { return err }), nil
}
