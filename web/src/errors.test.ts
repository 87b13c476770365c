// @vitest-environment jsdom
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { errorText, isTranslated } from './errors.ts';
import { setupI18n } from './i18n.ts';

describe('errorText', () => {
  beforeAll(async () => {
    await setupI18n();
  });

  it("speaks the chosen language for the API's stable codes", async () => {
    const refused = new ApiError(422, 'week_submitted', 'This week has been submitted…');
    await i18next.changeLanguage('uk');
    expect(errorText(refused)).toBe(
      'Цей тиждень подано на затвердження: відкличте його, щоб змінити час.',
    );
    await i18next.changeLanguage('zh');
    expect(errorText(refused)).toBe('本周已提交审批：撤回后才能修改时间。');
    expect(isTranslated(refused)).toBe(true);
  });

  it("keeps the API's own words for a code it has none for", async () => {
    await i18next.changeLanguage('uk');
    const other = new ApiError(422, 'validation_failed', "Name can't be blank", [
      "Name can't be blank",
    ]);
    expect(errorText(other)).toBe("Name can't be blank");
    expect(isTranslated(other)).toBe(false);
    expect(errorText(new Error('offline'))).toBe('offline');
  });
});
