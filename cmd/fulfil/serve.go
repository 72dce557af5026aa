package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go"

	"fulfil/apikey"
	"fulfil/jobq"
	"fulfil/server"
)

// serveFlags are the flags serve and worker share.
type serveFlags struct {
	cfg      server.Config
	jobs     jobq.Config
	dataDir  string
	natsURL  string
	listen   string
	apiKeys  string
	shutdown time.Duration
	level    string
}

func newServeFlags(fs *flag.FlagSet, worker bool) *serveFlags {
	f := &serveFlags{cfg: server.DefaultConfig(), jobs: jobq.DefaultConfig()}
	cfg := &f.cfg
	if worker {
		cfg.Addr = "127.0.0.1:8081"
	}
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (a worker answers /healthz, /readyz and /metrics only)")
	fs.StringVar(&cfg.AdminAddr, "admin-addr", "", "address for pprof (/debug/pprof/); empty: off")
	fs.IntVar(&cfg.MaxBodyBytes, "max-body", cfg.MaxBodyBytes, "largest request body in bytes, also after gunzip")
	fs.IntVar(&cfg.MaxStops, "max-stops", cfg.MaxStops, "most routing stops or allocation pickup points per request")
	fs.IntVar(&cfg.MaxVehicles, "max-vehicles", cfg.MaxVehicles, "most vehicles, depots, trucks or warehouses per request")
	fs.IntVar(&cfg.MaxOrders, "max-orders", cfg.MaxOrders, "most orders, locations, picks or stock/demand rows per request")
	fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "workers for synchronous requests")
	fs.IntVar(&cfg.Queue, "queue", cfg.Queue, "synchronous requests admitted to wait for a busy worker (0: none); beyond: 429")
	fs.IntVar(&cfg.JobWorkers, "job-workers", cfg.JobWorkers, "jobs this process runs at once (serve: 0 makes an API-only process)")
	fs.IntVar(&f.jobs.MaxQueued, "job-queue", f.jobs.MaxQueued, "jobs queued or running, over every process on the NATS; beyond: 429")
	fs.Int64Var(&f.jobs.MaxQueuedBytes, "job-bytes", f.jobs.MaxQueuedBytes, "summed request bytes of the jobs queued or running; beyond: 429")
	fs.Int64Var(&f.jobs.ResultBytes, "result-bytes", f.jobs.ResultBytes, "byte budget of stored job results; the oldest are purged beyond it")
	fs.DurationVar(&f.jobs.Retention, "job-retention", f.jobs.Retention, "how long ended jobs and their results stay readable")
	fs.DurationVar(&f.jobs.AckWait, "job-ack-wait", f.jobs.AckWait, "a job whose worker is silent this long (dead) goes to another worker")
	fs.IntVar(&f.jobs.MaxAttempts, "job-attempts", f.jobs.MaxAttempts, "runs of a job whose workers keep dying before it fails with worker_lost")
	fs.IntVar(&f.jobs.Replicas, "nats-replicas", f.jobs.Replicas, "JetStream replicas of the job stream, records and results (3 on a 3-node NATS cluster)")
	fs.DurationVar(&cfg.SyncLimit, "sync-limit", cfg.SyncLimit, "longest time limit of a synchronous request")
	fs.DurationVar(&cfg.JobLimit, "job-limit", cfg.JobLimit, "longest time limit of a job")
	fs.DurationVar(&cfg.DefaultTimeLimit, "default-time-limit", cfg.DefaultTimeLimit, "routing time limit when a request sets neither time_limit_s nor iterations")
	fs.StringVar(&f.natsURL, "nats", "", "join this NATS server or cluster (nats://host:4222, comma-separated) instead of embedding one")
	if !worker {
		fs.StringVar(&f.dataDir, "data-dir", defaultDataDir(), "embedded NATS: JetStream storage directory, where jobs survive restarts")
		fs.StringVar(&f.apiKeys, "api-keys", "", "file of API keys, one 'NAME KEY RATE [BURST]' a line (RATE per second, or 600/m); /v1/* then need Authorization: Bearer KEY")
		fs.StringVar(&f.listen, "nats-listen", "", "embedded NATS: also accept NATS clients on this address (127.0.0.1:4222) so that other processes can join; empty: none")
		fs.DurationVar(&cfg.DrainLinger, "drain-linger", cfg.DrainLinger, "how long job status stays readable after the last job ends on shutdown")
	}
	fs.DurationVar(&f.shutdown, "shutdown-timeout", time.Minute, "how long shutdown waits for running work before handing jobs back to the queue")
	fs.StringVar(&f.level, "log-level", "info", "debug, info, warn or error")
	return f
}

// defaultDataDir is $XDG_STATE_HOME/fulfil, else ~/.local/state/fulfil,
// else ./fulfil-data.
func defaultDataDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "fulfil")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "state", "fulfil")
	}
	return "fulfil-data"
}

func runServe(ctx context.Context, e env) error {
	fs := newFlags(e, "serve", "[flags]")
	f := newServeFlags(fs, false)
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	return f.run(ctx, e)
}

func runWorker(ctx context.Context, e env) error {
	fs := newFlags(e, "worker", "--nats URL [flags]")
	f := newServeFlags(fs, true)
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 || f.natsURL == "" {
		return fmt.Errorf("%w: want --nats URL and no arguments", errUsage)
	}
	f.cfg.WorkerOnly = true
	return f.run(ctx, e)
}

// run opens the job queue (embedded NATS or --nats), serves until ctx ends,
// then drains.
func (f *serveFlags) run(ctx context.Context, e env) error {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(f.level)); err != nil {
		return fmt.Errorf("%w: --log-level: %v", errUsage, err)
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: lv}))
	f.cfg.Logger = log
	if err := f.jobs.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if f.apiKeys != "" {
		keys, err := apikey.Load(f.apiKeys)
		if err != nil {
			return fmt.Errorf("%w: --api-keys: %v", errUsage, err)
		}
		f.cfg.Keys = keys
		log.Info("api keys", "file", f.apiKeys, "keys", keys.Len())
	}
	host, _ := os.Hostname()
	f.cfg.WorkerName = fmt.Sprintf("%s-%d", host, os.Getpid())

	var nc *nats.Conn
	if f.natsURL != "" {
		var err error
		nc, err = nats.Connect(f.natsURL, nats.Name("fulfil "+f.cfg.WorkerName), nats.MaxReconnects(-1),
			nats.DisconnectErrHandler(func(_ *nats.Conn, err error) { log.Warn("nats disconnected", "err", err) }),
			nats.ReconnectHandler(func(c *nats.Conn) { log.Info("nats reconnected", "url", c.ConnectedUrl()) }))
		if err != nil {
			return fmt.Errorf("connecting to NATS at %s: %w", f.natsURL, err)
		}
		defer nc.Close()
		log.Info("joined nats", "url", nc.ConnectedUrl())
	} else {
		if err := os.MkdirAll(f.dataDir, 0o750); err != nil {
			return fmt.Errorf("creating the data directory: %w", err)
		}
		emb, err := jobq.Embed(f.dataDir, f.listen)
		if err != nil {
			return err
		}
		defer emb.Close()
		nc = emb.Conn
		log.Info("embedded nats", "data_dir", f.dataDir, "listen", f.listen)
	}
	octx, cancel := context.WithTimeout(ctx, 30*time.Second)
	q, err := jobq.Open(octx, nc, f.jobs)
	cancel()
	if err != nil {
		return err
	}
	defer q.Close()
	f.cfg.Jobs = q
	f.cfg.JobRetention = f.jobs.Retention

	s, err := server.New(f.cfg)
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
	log.Info("shutting down", "timeout", f.shutdown.String())
	sctx, cancel := context.WithTimeout(context.Background(), f.shutdown)
	defer cancel()
	err = s.Shutdown(sctx)
	if e := <-served; e != nil && !errors.Is(e, context.Canceled) {
		err = errors.Join(err, e)
	}
	return err
}
