import nock from 'nock';

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
	nock.cleanAll();
});

// Test files share a worker process (and Node's http module) but each gets its own copy of nock:
// hand http back when a file ends, or the next file's requests meet this file's empty interceptors.
afterAll(() => {
	nock.restore();
});
