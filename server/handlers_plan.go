package server

import (
	"context"
	"time"

	"fulfil/jobq"
	"fulfil/nightly"
	"fulfil/solver"
)

// PlanRequest is the body of POST /v1/plan (and the request of a job to
// /v1/plan): one night in the nightly.Input wire format, the JSON that
// `fulfil plan INPUT` reads, and the routing search's options.
type PlanRequest struct {
	Input   nightly.Input `json:"input"`
	Options PlanOptions   `json:"options,omitempty"`
}

// PlanOptions tune the plan's routing search, decoded over the routing
// options of nightly.DefaultOptions (a 5 s time limit). time_limit_s is at
// most the server's job limit; 0 with iterations 0 keeps the 5 s; 0 with
// iterations set leaves only iterations. threads 0 means 1, at most the
// number of server workers. The other stages take no options: they run to
// their end, bounded by the job limit.
type PlanOptions struct {
	TimeLimitS float64 `json:"time_limit_s"`
	Iterations int64   `json:"iterations"`
	Seed       uint64  `json:"seed"`
	Threads    int     `json:"threads"`
}

// preparePlan serves POST /v1/plan, always as a job: the night is planned
// by nightly.Run and rendered by nightly.Files; the job's result is
// plan.json and the other files stay with the job
// (GET /v1/jobs/{id}/files/{name}).
func preparePlan(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	opt := nightly.DefaultOptions()
	r := &opt.Routing
	req := &PlanRequest{Options: PlanOptions{TimeLimitS: r.TimeLimitS, Iterations: r.Iterations, Seed: r.Seed, Threads: r.Threads}}
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in := &req.Input
	lines := 0
	for _, o := range in.Orders {
		lines += len(o.Lines)
	}
	if err := firstError(
		limitCount(inField+".orders", len(in.Orders), s.cfg.MaxOrders, "orders"),
		limitCount(inField+".orders", lines, s.cfg.MaxOrders, "order lines"),
		limitCount(inField+".pickup_points", len(in.PickupPoints), s.cfg.MaxStops, "pickup points"),
		limitCount(inField+".trucks", len(in.Trucks), s.cfg.MaxVehicles, "trucks"),
		limitCount(inField+".warehouses", len(in.Warehouses), s.cfg.MaxVehicles, "warehouses"),
	); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, prefixed(err, inField)
	}
	o := req.Options
	if o.TimeLimitS == 0 && o.Iterations == 0 {
		o.TimeLimitS = r.TimeLimitS
	}
	r.TimeLimitS, r.Iterations, r.Seed, r.Threads = o.TimeLimitS, o.Iterations, o.Seed, o.Threads
	if _, err := s.tune(r, &r.TimeLimitS, &r.Threads, optField, limit); err != nil {
		return nil, err
	}
	// The routing search keeps its own time limit; the stages around it
	// run to their end, so the job's deadline is the job limit.
	return &prepared{solver: "plan", deadline: limit, run: func(ctx context.Context) (any, *solver.Stats, error) {
		p, err := nightly.Run(ctx, in, opt)
		if err != nil {
			return nil, nil, prefixed(err, inField)
		}
		files, err := nightly.Files(p)
		if err != nil {
			return nil, nil, err
		}
		out := &rendered{result: files["plan.json"], resultFile: "plan.json"}
		for _, name := range nightly.FileNames() {
			if b, ok := files[name]; ok && name != out.resultFile {
				out.files = append(out.files, jobq.File{Name: name, ContentType: nightly.ContentType(name), Data: b})
			}
		}
		return out, &p.Stats, nil
	}}, nil
}
