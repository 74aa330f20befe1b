import { ApiError, refusedField } from './api-error';

describe('the field a refusal is about', () => {
  it('is the first issue’s path, up to its first dot', () => {
    const refusal = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'Invalid request',
      issues: [{ path: 'file.size', message: 'too big' }],
    });
    expect(refusedField(refusal)).toBe('file');
  });

  it('is none without issues (whatever the message begins with), for another code, or something not from the server', () => {
    expect(refusedField(new ApiError({ code: 'VALIDATION_FAILED', message: 'Please check the request.' }))).toBeNull();
    expect(refusedField(new ApiError({ code: 'VALIDATION_FAILED', message: 'slug: no.' }))).toBeNull();
    expect(refusedField(new ApiError({ code: 'FORBIDDEN', message: 'slug: no.', issues: [{ path: 'slug', message: 'no.' }] }))).toBeNull();
    expect(refusedField(new Error('slug: no'))).toBeNull();
  });
});
