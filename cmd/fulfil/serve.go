package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"fulfil/server"
)

func runServe(ctx context.Context, e env) error {
	cfg := server.DefaultConfig()
	fs := newFlags(e, "serve", "[flags]")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on")
	fs.StringVar(&cfg.AdminAddr, "admin-addr", "", "address for pprof (/debug/pprof/); empty: off")
	fs.IntVar(&cfg.MaxBodyBytes, "max-body", cfg.MaxBodyBytes, "largest request body in bytes, also after gunzip")
	fs.IntVar(&cfg.MaxStops, "max-stops", cfg.MaxStops, "most routing stops or allocation pickup points per request")
	fs.IntVar(&cfg.MaxVehicles, "max-vehicles", cfg.MaxVehicles, "most vehicles, depots, trucks or warehouses per request")
	fs.IntVar(&cfg.MaxOrders, "max-orders", cfg.MaxOrders, "most orders, locations, picks or stock/demand rows per request")
	fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "workers for synchronous requests")
	fs.IntVar(&cfg.Queue, "queue", cfg.Queue, "synchronous requests admitted to wait for a busy worker (0: none); beyond: 429")
	fs.IntVar(&cfg.JobWorkers, "job-workers", cfg.JobWorkers, "workers for jobs")
	fs.IntVar(&cfg.JobQueue, "job-queue", cfg.JobQueue, "jobs that may wait for a worker; beyond: 429")
	fs.IntVar(&cfg.MaxJobs, "max-jobs", cfg.MaxJobs, "jobs held in all states")
	fs.IntVar(&cfg.JobBytes, "job-bytes", cfg.JobBytes, "summed request bytes of the jobs not yet ended; beyond: 429")
	fs.DurationVar(&cfg.JobRetention, "job-retention", cfg.JobRetention, "how long ended jobs stay readable")
	fs.DurationVar(&cfg.SyncLimit, "sync-limit", cfg.SyncLimit, "longest time limit of a synchronous request")
	fs.DurationVar(&cfg.JobLimit, "job-limit", cfg.JobLimit, "longest time limit of a job")
	fs.DurationVar(&cfg.DefaultTimeLimit, "default-time-limit", cfg.DefaultTimeLimit, "routing time limit when a request sets neither time_limit_s nor iterations")
	fs.DurationVar(&cfg.DrainLinger, "drain-linger", cfg.DrainLinger, "how long job status stays readable after the last job ends on shutdown")
	shutdown := fs.Duration("shutdown-timeout", time.Minute, "how long shutdown waits for running work before cancelling it")
	level := fs.String("log-level", "info", "debug, info, warn or error")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(*level)); err != nil {
		return fmt.Errorf("%w: --log-level: %v", errUsage, err)
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: lv}))
	s, err := server.New(cfg)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	served := make(chan error, 1)
	go func() { served <- s.ListenAndServe() }()
	select {
	case err := <-served: // could not listen
		return err
	case <-ctx.Done():
	}
	cfg.Logger.Info("shutting down", "timeout", shutdown.String())
	sctx, cancel := context.WithTimeout(context.Background(), *shutdown)
	defer cancel()
	err = s.Shutdown(sctx)
	if e := <-served; e != nil && !errors.Is(e, context.Canceled) {
		err = errors.Join(err, e)
	}
	return err
}
