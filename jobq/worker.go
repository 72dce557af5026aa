package jobq

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// orphanAge is how long a worker waits for the record of a job whose
// message it got: past it, the submission is taken to have died between
// publishing and writing the record, and the message is dropped.
const orphanAge = time.Minute

// RunFunc runs one job: request is what Submit was given. It must honour
// ctx, which ends at the job's deadline, when the job is cancelled, or
// when the workers stop.
type RunFunc func(ctx context.Context, rec Record, request []byte) Outcome

// NotifyFunc delivers a job's callback once: rec is final and result its
// stored result. An error makes the worker try again, up to
// Config.CallbackAttempts.
type NotifyFunc func(ctx context.Context, rec Record, result []byte) error

// Workers run jobs from the queue. Start them with Queue.Start; Stop
// stops them.
type Workers struct {
	q      *Queue
	name   string
	run    RunFunc
	notify NotifyFunc
	log    *slog.Logger

	fetchCtx  context.Context // ends when Stop begins: no more fetching
	stopFetch context.CancelFunc
	runCtx    context.Context // ends when Stop gives up waiting: running jobs stop
	stopRuns  context.CancelFunc
	wg        sync.WaitGroup
	busy      atomic.Int64
	ran       atomic.Int64
}

// Start starts n workers that run jobs with run and deliver callbacks with
// notify. name identifies this process in the records (host and pid, say).
func (q *Queue) Start(n int, name string, run RunFunc, notify NotifyFunc, log *slog.Logger) *Workers {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &Workers{q: q, name: name, run: run, notify: notify, log: log}
	w.fetchCtx, w.stopFetch = context.WithCancel(context.Background())
	w.runCtx, w.stopRuns = context.WithCancel(context.Background())
	for range n {
		w.wg.Go(w.loop)
	}
	return w
}

// Busy returns the number of jobs this process is running.
func (w *Workers) Busy() int { return int(w.busy.Load()) }

// Ran returns the number of job runs this process started.
func (w *Workers) Ran() int { return int(w.ran.Load()) }

// Stop stops fetching jobs and waits for the running ones to end. When ctx
// ends first, they are stopped and put back in the queue (as queued), to
// be run again by another worker or after a restart. Stop returns once
// every worker has returned.
func (w *Workers) Stop(ctx context.Context) {
	w.stopFetch()
	done := make(chan struct{})
	go func() { w.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		w.stopRuns()
		<-done
	}
	w.stopRuns()
}

func (w *Workers) loop() {
	for w.fetchCtx.Err() == nil {
		batch, err := w.q.cons.Fetch(1, jetstream.FetchContext(w.fetchCtx))
		if err != nil {
			if w.fetchCtx.Err() == nil {
				w.log.Warn("fetching a job", "err", err)
				sleep(w.fetchCtx, time.Second)
			}
			continue
		}
		for msg := range batch.Messages() {
			w.handle(msg)
		}
		if err := batch.Error(); err != nil && w.fetchCtx.Err() == nil &&
			!errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) && !errors.Is(err, jetstream.ErrNoMessages) {
			w.log.Warn("fetching a job", "err", err)
			sleep(w.fetchCtx, time.Second)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// handle runs the job of one message, from record to ack.
func (w *Workers) handle(msg jetstream.Msg) {
	ctx := w.runCtx
	id := msg.Headers().Get(jobHeader)
	md, err := msg.Metadata()
	if err != nil || id == "" {
		w.log.Error("dropping a job message without an id or metadata", "err", err)
		msg.Term()
		return
	}
	rec, err := w.q.Get(ctx, id)
	switch {
	case errors.Is(err, ErrNotFound) && time.Since(md.Timestamp) < orphanAge:
		msg.NakWithDelay(100 * time.Millisecond) // its submission is writing the record
		return
	case errors.Is(err, ErrNotFound):
		msg.Term() // swept, or its submission died half way
		return
	case err != nil:
		w.log.Warn("reading a job record", "job", id, "err", err)
		msg.NakWithDelay(time.Second)
		return
	case rec.State.Final():
		// Cancelled while queued, or redelivered after its result was
		// written: owe at most the callback.
		if rec.CallbackURL != "" && rec.Callback == "" {
			w.deliver(ctx, msg, rec)
		}
		msg.DoubleAck(ctx)
		return
	case rec.Attempts >= w.q.cfg.MaxAttempts:
		why := fmt.Sprintf("the job's workers died %d times while running it (last: %s); not retried", rec.Attempts, rec.Worker)
		w.finish(ctx, msg, id, rec.Attempts+1, Failed, Outcome{Error: queueError("worker_lost", why)})
		return
	}

	stop := make(chan struct{})
	defer close(stop)
	go w.heartbeat(msg, stop)

	rec, err = w.q.update(ctx, id, func(r *Record) bool {
		if r.State.Final() {
			return false
		}
		r.State, r.StartedAt, r.Worker = Running, time.Now().UTC(), w.name
		r.Attempts++
		return true
	})
	if err != nil {
		w.log.Warn("marking a job running", "job", id, "err", err)
		msg.NakWithDelay(time.Second)
		return
	}
	if rec.State.Final() { // cancelled just now
		msg.DoubleAck(ctx)
		return
	}
	w.busy.Add(1)
	w.ran.Add(1)
	defer w.busy.Add(-1)

	runCtx, cancel := context.WithTimeout(ctx, time.Duration(rec.DeadlineS*float64(time.Second)))
	defer cancel()
	var cancelled atomic.Bool
	go w.watchCancel(runCtx, id, &cancelled, cancel)
	w.log.Info("job started", "job", id, "endpoint", rec.Endpoint, "attempt", rec.Attempts, "delivery", md.NumDelivered)
	out := w.run(runCtx, rec, msg.Data())

	if w.runCtx.Err() != nil && !cancelled.Load() {
		// Stopping: hand the job back instead of ending it; the run
		// does not count against MaxAttempts.
		w.q.update(context.Background(), id, func(r *Record) bool {
			if r.State != Running || r.Worker != w.name {
				return false
			}
			r.State = Queued
			r.Attempts--
			return true
		})
		msg.Nak()
		w.log.Info("job handed back", "job", id)
		return
	}
	state := Succeeded
	switch {
	case cancelled.Load():
		state = Cancelled
	case out.Error != nil:
		state = Failed
	}
	w.finish(ctx, msg, id, rec.Attempts, state, out)
}

// finish stores the result (and a succeeded job's files), writes the final
// record, delivers the callback and acks. A crash anywhere before the ack
// redelivers the message, and handle then only completes what is left. The
// result and files are stored under the job id and the attempt, and the
// record names them only if no other run (a worker presumed dead that was
// only slow) ended the job first: the first end is the one kept, whole.
func (w *Workers) finish(ctx context.Context, msg jetstream.Msg, id string, attempt int, state State, out Outcome) {
	ctx = context.WithoutCancel(ctx) // the result is in hand: keep it even when stopping
	size, object := 0, fmt.Sprintf("%s.%d", id, attempt)
	if state != Succeeded {
		out.Files = nil // only a succeeded job's files are served
	}
	var files []StoredFile
	if len(out.Result) > 0 || len(out.Files) > 0 {
		stored, err := w.q.storeOutcome(ctx, object, out.Result, out.Files)
		if err != nil {
			w.log.Error("storing a result", "job", id, "err", err)
			if state == Succeeded {
				state, out.Error = Failed, queueError("result_not_stored", err.Error())
			}
		} else {
			size, files = len(out.Result), stored
		}
	}
	won := false
	rec, err := w.q.update(ctx, id, func(r *Record) bool {
		if r.State.Final() {
			return false
		}
		if r.CancelRequested && state == Succeeded {
			state = Cancelled
		}
		r.State, r.FinishedAt, r.Error, r.ResultBytes, r.Files = state, time.Now().UTC(), out.Error, size, files
		if size > 0 {
			r.ResultObject, r.ResultFile = object, out.ResultFile
		}
		won = true
		return true
	})
	if err != nil {
		w.log.Error("writing a job's end", "job", id, "err", err)
		msg.NakWithDelay(time.Second) // run it again rather than lose it
		return
	}
	if !won { // another run ended the job first
		if size > 0 {
			w.q.obs.Delete(ctx, object)
		}
		for _, f := range files {
			w.q.obs.Delete(ctx, f.Object)
		}
	}
	w.log.Info("job ended", "job", id, "state", rec.State)
	if rec.CallbackURL != "" && rec.Callback == "" {
		w.deliver(ctx, msg, rec)
	}
	if err := msg.DoubleAck(ctx); err != nil {
		w.log.Warn("acking a job", "job", id, "err", err)
	}
}

// deliver sends rec's callback with bounded retries and records how it
// went. The message's ack is kept alive meanwhile.
func (w *Workers) deliver(ctx context.Context, msg jetstream.Msg, rec Record) {
	stop := make(chan struct{})
	defer close(stop)
	go w.heartbeat(msg, stop)
	result, err := w.q.Result(ctx, rec)
	if err != nil {
		w.log.Warn("reading a result for its callback", "job", rec.ID, "err", err)
	}
	status := "delivered"
	wait := w.q.cfg.CallbackBackoff
	for try := 1; ; try++ {
		err := w.notify(ctx, rec, result)
		if err == nil {
			break
		}
		w.log.Warn("callback failed", "job", rec.ID, "url", rec.CallbackURL, "try", try, "err", err)
		if try == w.q.cfg.CallbackAttempts || ctx.Err() != nil {
			status = fmt.Sprintf("given up after %d tries: %v", try, err)
			break
		}
		sleep(ctx, wait)
		wait *= 2
	}
	w.q.update(context.WithoutCancel(ctx), rec.ID, func(r *Record) bool {
		r.Callback = status
		return true
	})
}

// heartbeat tells JetStream the job is still being worked on until stop
// is closed.
func (w *Workers) heartbeat(msg jetstream.Msg, stop <-chan struct{}) {
	t := time.NewTicker(w.q.cfg.AckWait / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			msg.InProgress()
		}
	}
}

// watchCancel cancels a running job when its record asks for it.
func (w *Workers) watchCancel(ctx context.Context, id string, cancelled *atomic.Bool, cancel context.CancelFunc) {
	kw, err := w.q.kv.Watch(ctx, id, jetstream.UpdatesOnly())
	if err != nil {
		if ctx.Err() == nil {
			w.log.Warn("watching a job for cancellation", "job", id, "err", err)
		}
		return
	}
	defer kw.Stop()
	check := func() bool {
		rec, err := w.q.Get(ctx, id)
		if err == nil && rec.CancelRequested {
			cancelled.Store(true)
			cancel()
			return true
		}
		return false
	}
	if check() { // asked before the watch began
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-kw.Updates():
			if !ok {
				return
			}
			if e != nil && check() {
				return
			}
		}
	}
}
