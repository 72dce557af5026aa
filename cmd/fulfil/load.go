package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"fulfil/bench"
)

// runLoad drives bench.Load against a running server: closed loop by
// default, open loop at --rate for overload.
func runLoad(ctx context.Context, e env) error {
	var cfg bench.LoadConfig
	fs := newFlags(e, "load", "--url URL --body FILE [flags]")
	fs.StringVar(&cfg.URL, "url", "", "endpoint to load, such as http://127.0.0.1:8080/v1/vrp")
	body := fs.String("body", "", "file holding the request body")
	gz := fs.Bool("gzip", false, "the body file is gzip; send it with Content-Encoding: gzip")
	fs.IntVar(&cfg.Concurrency, "c", 4, "connections")
	fs.Float64Var(&cfg.Rate, "rate", 0, "requests per second on a fixed schedule (open loop); 0: closed loop")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "measured duration")
	fs.DurationVar(&cfg.Warmup, "warmup", 2*time.Second, "unmeasured warm-up before it")
	fs.DurationVar(&cfg.Timeout, "timeout", time.Minute, "longest wait for one answer")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if cfg.URL == "" || *body == "" || fs.NArg() != 0 {
		return fmt.Errorf("%w: want --url URL --body FILE and no arguments", errUsage)
	}
	b, err := os.ReadFile(*body)
	if err != nil {
		return err
	}
	cfg.Body = b
	if *gz {
		cfg.ContentEncoding = "gzip"
	}
	rep, err := bench.Load(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(e.stdout, "%d requests in %.1f s: %.1f ok/s, %.1f answered/s; by status %v; %d transport errors, %d skipped\n",
		rep.Requests, rep.ElapsedS, rep.OKPerS, rep.SentPerS, rep.ByStatus, rep.Errors, rep.Skipped)
	fmt.Fprintf(e.stdout, "ok:       %v\nrejected: %v\n", rep.OK, rep.Rejected)
	return nil
}
