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

  it('is the field a message names first when there are no issues', () => {
    const refusal = new ApiError({ code: 'VALIDATION_FAILED', message: 'slug: another article in this language already uses this address.' });
    expect(refusedField(refusal)).toBe('slug');
  });

  it('is none for a message naming no field, another code, or something not from the server', () => {
    expect(refusedField(new ApiError({ code: 'VALIDATION_FAILED', message: 'Please check the request.' }))).toBeNull();
    expect(refusedField(new ApiError({ code: 'FORBIDDEN', message: 'slug: no.' }))).toBeNull();
    expect(refusedField(new Error('slug: no'))).toBeNull();
  });
});
