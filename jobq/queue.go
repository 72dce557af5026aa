package jobq

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"fulfil/solver"
)

// Names of the JetStream assets; every process sharing the work uses the
// same ones.
const (
	streamName   = "FULFIL_JOBS"
	subject      = "fulfil.jobs.run"
	consumerName = "workers"
	recordBucket = "fulfil_jobs"
	resultBucket = "fulfil_results"
	jobHeader    = "Fulfil-Job"
)

var (
	// ErrNotFound: no job has that id (or it ended more than Retention ago).
	ErrNotFound = errors.New("jobq: no such job")
	// ErrFull: the stream holds MaxQueued jobs or MaxQueuedBytes already.
	ErrFull = errors.New("jobq: queue full")
	// ErrTooLarge: the request is larger than the NATS server's max_payload.
	ErrTooLarge = errors.New("jobq: request larger than the NATS max_payload")
	// ErrNoFile: the job has no file of that name.
	ErrNoFile = errors.New("jobq: no such file")
	// ErrPurged: the job's result and files were deleted to keep the store
	// within its budget (or with the job, past Retention).
	ErrPurged = errors.New("jobq: result and files purged")
)

// Config sizes the queue. Every process sharing a NATS should use the same
// values: the first to open the queue creates the assets and later ones
// update them to their own.
type Config struct {
	// Replicas is the JetStream replication of every asset: 1 for a single
	// NATS server, 3 for a three-node cluster.
	Replicas int `json:"replicas"`
	// MaxQueued bounds the jobs queued or running; MaxQueuedBytes their
	// summed request sizes. Beyond either, Submit returns ErrFull.
	MaxQueued      int   `json:"max_queued"`
	MaxQueuedBytes int64 `json:"max_queued_bytes"`
	// ResultBytes is the budget of stored results; when a new result takes
	// the store past it, the oldest results are deleted until it fits.
	ResultBytes int64 `json:"result_bytes"`
	// Retention is how long an ended job and its result stay readable.
	Retention time.Duration `json:"retention"`
	// AckWait is how long a running job's worker may stay silent before the
	// job is handed to another; workers report progress every AckWait/3.
	AckWait time.Duration `json:"ack_wait"`
	// MaxAttempts bounds the runs of a job: when its workers have died
	// that many times while running it, it fails with worker_lost.
	MaxAttempts int `json:"max_attempts"`
	// CallbackAttempts bounds the tries to deliver a job's callback;
	// CallbackBackoff is the wait before the second, doubling after.
	CallbackAttempts int           `json:"callback_attempts"`
	CallbackBackoff  time.Duration `json:"callback_backoff"`
}

// DefaultConfig returns a configuration for one machine.
func DefaultConfig() Config {
	return Config{
		Replicas:         1,
		MaxQueued:        4096,
		MaxQueuedBytes:   1 << 30,
		ResultBytes:      1 << 30,
		Retention:        time.Hour,
		AckWait:          30 * time.Second,
		MaxAttempts:      3,
		CallbackAttempts: 5,
		CallbackBackoff:  time.Second,
	}
}

// Validate reports settings that cannot work, naming the field.
func (c Config) Validate() error {
	var v solver.Violations
	atLeast := func(name string, x, least int64) {
		if x < least {
			v.Add(name, "must be >= %d, got %d", least, x)
		}
	}
	if c.Replicas > 5 {
		v.Add("replicas", "must be <= 5, got %d", c.Replicas)
	}
	atLeast("replicas", int64(c.Replicas), 1)
	atLeast("max_queued", int64(c.MaxQueued), 1)
	atLeast("max_queued_bytes", c.MaxQueuedBytes, 1)
	atLeast("result_bytes", c.ResultBytes, 1)
	atLeast("max_attempts", int64(c.MaxAttempts), 1)
	atLeast("callback_attempts", int64(c.CallbackAttempts), 1)
	durs := []struct {
		name  string
		d     time.Duration
		least time.Duration
	}{{"retention", c.Retention, time.Second}, {"ack_wait", c.AckWait, 300 * time.Millisecond}, {"callback_backoff", c.CallbackBackoff, 0}}
	for _, d := range durs {
		if d.d < d.least {
			v.Add(d.name, "must be >= %v, got %v", d.least, d.d)
		}
	}
	return v.Err()
}

// Queue is a handle on the shared job queue. It is safe for concurrent use.
type Queue struct {
	cfg     Config
	nc      *nats.Conn
	js      jetstream.JetStream
	stream  jetstream.Stream
	cons    jetstream.Consumer
	kv      jetstream.KeyValue
	obs     jetstream.ObjectStore
	index   *index
	trimMu  sync.Mutex // one budget trim at a time in this process
	cancel  context.CancelFunc
	stopped sync.WaitGroup
}

// Open creates or updates the stream, consumer, bucket and object store
// on nc and starts following the records. Close stops that; it does not
// close nc.
func Open(ctx context.Context, nc *nats.Conn, cfg Config) (*Queue, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("job queue config: %w", err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("opening JetStream: %w", err)
	}
	q := &Queue{cfg: cfg, nc: nc, js: js}
	q.stream, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        streamName,
		Description: "fulfil job requests, one message per job until a worker acks it",
		Subjects:    []string{subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		MaxMsgs:     int64(cfg.MaxQueued),
		MaxBytes:    cfg.MaxQueuedBytes,
		Discard:     jetstream.DiscardNew,
		Duplicates:  10 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("creating the job stream: %w", err)
	}
	q.cons, err = js.CreateOrUpdateConsumer(ctx, streamName, jetstream.ConsumerConfig{
		Durable:     consumerName,
		Description: "fulfil job workers",
		AckPolicy:   jetstream.AckExplicitPolicy,
		AckWait:     cfg.AckWait,
		MaxDeliver:  -1, // the worker fails a job past MaxAttempts itself, so that it says why
		Replicas:    cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("creating the job consumer: %w", err)
	}
	q.kv, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      recordBucket,
		Description: "fulfil job records by job id",
		History:     1,
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("creating the job record bucket: %w", err)
	}
	q.obs, err = js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      resultBucket,
		Description: "fulfil job results by job id",
		TTL:         cfg.Retention + time.Minute, // the sweep deletes them first; this backs it up
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("creating the job result store: %w", err)
	}
	var wctx context.Context
	wctx, q.cancel = context.WithCancel(context.Background())
	q.index, err = followRecords(ctx, wctx, q.kv)
	if err != nil {
		q.cancel()
		return nil, err
	}
	q.stopped.Go(func() { q.sweepLoop(wctx) })
	return q, nil
}

// Close stops following the records and sweeping.
func (q *Queue) Close() {
	q.cancel()
	q.stopped.Wait()
}

// Config returns the queue's configuration.
func (q *Queue) Config() Config { return q.cfg }

// Connected reports whether the NATS connection is up.
func (q *Queue) Connected() bool { return q.nc.IsConnected() }

// MaxPayload is the largest request Submit takes.
func (q *Queue) MaxPayload() int { return int(q.nc.MaxPayload()) - 1024 }

// NewID returns a new random job id.
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Submit queues a job: rec gives its endpoint, deadline and callback (its
// id, when empty, is made here), request is handed to the RunFunc. It
// returns the queued record.
func (q *Queue) Submit(ctx context.Context, rec Record, request []byte) (Record, error) {
	if len(request) > q.MaxPayload() {
		return Record{}, ErrTooLarge
	}
	if rec.ID == "" {
		rec.ID = NewID()
	}
	// Publish first, then write the record: a worker that gets the message
	// before the record exists waits for it (a submission that died in
	// between leaves a message that workers drop after orphanAge), and the
	// record knows the message's sequence, so that Cancel can delete it.
	msg := nats.NewMsg(subject)
	msg.Header.Set(jobHeader, rec.ID)
	msg.Data = request
	ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(rec.ID))
	if err != nil {
		if full(err) {
			return Record{}, ErrFull
		}
		return Record{}, fmt.Errorf("queueing job %s: %w", rec.ID, err)
	}
	rec.State, rec.CreatedAt, rec.Seq = Queued, time.Now().UTC(), ack.Sequence
	b, err := json.Marshal(rec)
	if err == nil {
		_, err = q.kv.Create(ctx, rec.ID, b)
	}
	if err != nil {
		q.stream.DeleteMsg(context.WithoutCancel(ctx), ack.Sequence)
		return Record{}, fmt.Errorf("writing job %s: %w", rec.ID, err)
	}
	q.index.put(rec)
	return rec, nil
}

// full reports whether err is the stream refusing a message over its
// MaxMsgs or MaxBytes (the server's JSStreamStoreFailed says which in its
// description).
func full(err error) bool {
	m := err.Error()
	return strings.Contains(m, "maximum messages exceeded") || strings.Contains(m, "maximum bytes exceeded")
}

// Get returns a job's record, read from the bucket.
func (q *Queue) Get(ctx context.Context, id string) (Record, error) {
	rec, _, err := q.get(ctx, id)
	return rec, err
}

func (q *Queue) get(ctx context.Context, id string) (Record, uint64, error) {
	if !validKey(id) {
		return Record{}, 0, ErrNotFound
	}
	e, err := q.kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return Record{}, 0, ErrNotFound
	}
	if err != nil {
		return Record{}, 0, fmt.Errorf("reading job %s: %w", id, err)
	}
	var rec Record
	if err := json.Unmarshal(e.Value(), &rec); err != nil {
		return Record{}, 0, fmt.Errorf("decoding job %s: %w", id, err)
	}
	return rec, e.Revision(), nil
}

// validKey reports whether id can be a key (hex ids are; anything else
// is simply not found).
func validKey(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// update applies f to the job's current record and writes it back only if
// nobody wrote in between, retrying on a conflict. f returns false to
// leave the record as it is.
func (q *Queue) update(ctx context.Context, id string, f func(*Record) bool) (Record, error) {
	for range 20 {
		rec, rev, err := q.get(ctx, id)
		if err != nil {
			return Record{}, err
		}
		if !f(&rec) {
			return rec, nil
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return Record{}, err
		}
		if _, err := q.kv.Update(ctx, id, b, rev); err != nil {
			if errors.Is(err, jetstream.ErrKeyExists) {
				continue // someone else wrote it: read again
			}
			return Record{}, fmt.Errorf("writing job %s: %w", id, err)
		}
		q.index.put(rec)
		return rec, nil
	}
	return Record{}, fmt.Errorf("writing job %s: too many concurrent writers", id)
}

// Cancel cancels a job: a queued one ends at once, a running one is told
// to stop (its worker watches the record) and ends when its run returns.
// Ended jobs are left alone.
func (q *Queue) Cancel(ctx context.Context, id string) (Record, error) {
	dequeued := false
	rec, err := q.update(ctx, id, func(r *Record) bool {
		switch r.State {
		case Queued:
			r.State, r.FinishedAt, r.CancelRequested = Cancelled, time.Now().UTC(), true
			dequeued = true
			return true
		case Running:
			if r.CancelRequested {
				return false
			}
			r.CancelRequested = true
			return true
		}
		return false
	})
	if err == nil && dequeued && rec.Seq != 0 {
		// Take it off the queue now, so that it counts in no depth or
		// bound; a worker that fetched it meanwhile finds it cancelled.
		q.stream.DeleteMsg(ctx, rec.Seq)
	}
	return rec, err
}

// Result returns a job's stored result, or nil when it has none (or it
// was purged to keep within the budget).
func (q *Queue) Result(ctx context.Context, rec Record) ([]byte, error) {
	if rec.ResultObject == "" {
		return nil, nil
	}
	b, err := q.obs.GetBytes(ctx, rec.ResultObject)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the result of job %s: %w", rec.ID, err)
	}
	return b, nil
}

// File returns the job's file called name: the result when name is
// rec.ResultFile. It fails with ErrNoFile when the job has no such file and
// with ErrPurged when the file is gone.
func (q *Queue) File(ctx context.Context, rec Record, name string) ([]byte, error) {
	object := ""
	if name != "" && name == rec.ResultFile {
		object = rec.ResultObject
	}
	for _, f := range rec.Files {
		if f.Name == name {
			object = f.Object
		}
	}
	switch {
	case object == "":
		return nil, ErrNoFile
	case rec.ResultPurged:
		return nil, ErrPurged
	}
	b, err := q.obs.GetBytes(ctx, object)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, ErrPurged
	}
	if err != nil {
		return nil, fmt.Errorf("reading file %s of job %s: %w", name, rec.ID, err)
	}
	return b, nil
}

// Depth returns the jobs waiting for a worker and those running, as the
// stream's consumer counts them (one count for every process).
func (q *Queue) Depth(ctx context.Context) (waiting, running int, err error) {
	info, err := q.cons.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("reading the job consumer: %w", err)
	}
	return int(info.NumPending), info.NumAckPending, nil
}
