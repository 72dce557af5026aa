package server

import (
	"context"
	"time"

	"fulfil/reroute"
	"fulfil/solver"
)

// prepareReroute serves POST /v1/reroute: a day in progress (the planned
// input, the plan being driven, the road's state and the events), answered
// with the new plan, every stop's arrival change, the notices and what
// became of a broken truck's goods. time_limit_s 0 is the re-route's own
// default (50 ms); threads 0 means 1.
func prepareReroute(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := &reroute.Request{}
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	in := &req.Input
	inField := joinField(prefix, "input")
	if err := firstError(
		limitCount(inField+".stops", len(in.Stops)+len(req.Events.NewStops), s.cfg.MaxStops, "stops"),
		limitCount(inField+".vehicles", len(in.Vehicles), s.cfg.MaxVehicles, "vehicles"),
		limitCount(inField+".depots", len(in.Depots), s.cfg.MaxVehicles, "depots"),
	); err != nil {
		return nil, err
	}
	o := &req.Options
	if o.TimeLimitS == 0 {
		o.TimeLimitS = reroute.DefaultTimeLimitS
	}
	deadline, err := s.tune(o, &o.TimeLimitS, &o.Threads, joinField(prefix, "options"), limit)
	if err != nil {
		return nil, err
	}
	return solveWith("reroute", deadline,
		func(ctx context.Context) (*reroute.Answer, error) { return reroute.Reroute(ctx, req) },
		func(a *reroute.Answer) *solver.Stats { return &a.Stats },
		func(err error) error { return prefixed(err, prefix) }), nil
}
