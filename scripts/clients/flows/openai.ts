import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';

/**
 * openai-node 4.20 (Stainless): the last line that still has `fineTunes` and `edits`, as the
 * description does (openai.com.json 1.2.0). `baseURL` replaces `https://api.openai.com/v1`.
 */
export const openaiFlow: ClientFlow = {
  name: 'openai',
  packages: { openai: '4.20.1' },
  spec: corpusSpec('openai.com.json'),
  specLabel: 'openai.com.json',
  base: 'path',
  resources: true,
  async run(t) {
    const OpenAI = loadSdk<Loose>('openai');
    const openai = new OpenAI({ apiKey: 'sk-specmock', baseURL: t.target.base, maxRetries: 0 });
    const headers = t.prefer404;

    await t.ok(
      'models.list',
      () => openai.models.list(),
      check(
        'a page of models (object: model)',
        'realism',
        (p) => Array.isArray(p.data) && p.data.every((m: Loose) => m.object === 'model'),
      ),
    );
    await t.ok(
      'models.retrieve',
      () => openai.models.retrieve('gpt-3.5-turbo'),
      check('id echoes', 'realism', (m) => m.id === 'gpt-3.5-turbo'),
    );
    const file = await t.ok(
      'files.create (multipart upload)',
      async () =>
        openai.files.create({
          file: await OpenAI.toFile(Buffer.from('{"prompt":"a","completion":"b"}\n'), 'train.jsonl'),
          purpose: 'fine-tune',
        }),
      check('object is file', 'realism', (f) => f.object === 'file' && typeof f.id === 'string'),
      check('purpose reflected', 'realism', (f) => f.purpose === 'fine-tune'),
      check('filename reflected', 'realism', (f) => f.filename === 'train.jsonl'),
    );
    const fileId: string = file?.id ?? 'file-specmock';
    await t.ok(
      'files.retrieve',
      () => openai.files.retrieve(fileId),
      check('id echoes', 'realism', (f) => f.id === fileId),
      check('created filename reads back', 'sandbox inference', (f) => f.filename === 'train.jsonl'),
    );
    await t.ok(
      'files.list',
      () => openai.files.list(),
      check('a page of files', 'sdk type', (p) => Array.isArray(p.data)),
      check('lists the uploaded file', 'sandbox inference', (p) =>
        p.data.some((f: Loose) => f.id === fileId),
      ),
    );
    const tune = await t.ok(
      'fineTunes.create',
      () => openai.fineTunes.create({ training_file: fileId, model: 'curie' }),
      check('object is fine-tune', 'realism', (f) => f.object === 'fine-tune'),
      check('model reflected', 'realism', (f) => f.model === 'curie'),
    );
    const tuneId: string = tune?.id ?? 'ft-specmock';
    await t.ok(
      'fineTunes.retrieve',
      () => openai.fineTunes.retrieve(tuneId),
      check('id echoes', 'realism', (f) => f.id === tuneId),
    );
    await t.ok(
      'fineTunes.list (auto-pagination)',
      async () => {
        const seen: Loose[] = [];
        for await (const f of openai.fineTunes.list()) if (seen.push(f) >= 200) break;
        return seen;
      },
      check('ends', 'pagination', (l) => l.length < 200),
      check('lists the created fine-tune', 'sandbox inference', (l) => l.some((f: Loose) => f.id === tuneId)),
    );
    await t.ok(
      'fineTunes.listEvents',
      () => openai.fineTunes.listEvents(tuneId),
      check('a list of events', 'sdk type', (l) => Array.isArray(l.data)),
    );
    await t.ok(
      'fineTunes.cancel',
      () => openai.fineTunes.cancel(tuneId),
      check('id echoes', 'realism', (f) => f.id === tuneId),
      check('status is cancelled', 'realism', (f) => f.status === 'cancelled'),
    );
    await t.ok(
      'completions.create',
      () => openai.completions.create({ model: 'text-davinci-003', prompt: 'Say hi', max_tokens: 5 }),
      check('choices with text', 'sdk type', (c) =>
        c.choices?.every((x: Loose) => typeof x.text === 'string'),
      ),
      check('model reflected', 'realism', (c) => c.model === 'text-davinci-003'),
    );
    await t.ok(
      'chat.completions.create',
      () =>
        openai.chat.completions.create({
          model: 'gpt-3.5-turbo',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      check('an assistant message', 'sdk type', (c) => c.choices?.[0]?.message?.role === 'assistant'),
    );
    await t.ok(
      'embeddings.create',
      () => openai.embeddings.create({ model: 'text-embedding-ada-002', input: 'hello' }),
      check('vectors of numbers', 'sdk type', (e) =>
        e.data?.[0]?.embedding?.every((n: unknown) => typeof n === 'number'),
      ),
    );
    await t.ok(
      'moderations.create',
      () => openai.moderations.create({ input: 'hello' }),
      check('results', 'sdk type', (m) => Array.isArray(m.results)),
    );
    await t.ok(
      'files.del',
      () => openai.files.del(fileId),
      check('deleted', 'sdk type', (d) => d.deleted === true && d.id === fileId),
    );
    if (t.sandbox)
      await t.fails(
        'files.retrieve after delete → NotFoundError',
        () => openai.files.retrieve(fileId),
        (e) => e instanceof OpenAI.NotFoundError,
      );
    await t.fails(
      'models.retrieve of an unknown model → NotFoundError',
      () => openai.models.retrieve('no-such-model', { headers }),
      (e) => e instanceof OpenAI.NotFoundError,
      check('error.message is set', 'error shape', (e) => typeof e.error?.message === 'string'),
    );
    await t.fails(
      'completions.create without a model → BadRequestError',
      () => openai.completions.create({ prompt: 'x' }),
      (e) => e instanceof OpenAI.APIError && e.status >= 400 && e.status < 500,
      check('error.message is set', 'error shape', (e) => typeof e.error?.message === 'string'),
    );
  },
};
