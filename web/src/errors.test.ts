// @vitest-environment jsdom
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { errorText, isTranslated, problemLines, problemText } from './errors.ts';
import { fieldErrors } from './field-errors.ts';
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

describe('schema errors as data', () => {
  beforeAll(async () => {
    await setupI18n();
  });

  it('are worded in the chosen language, at their field or with its name', async () => {
    const refused = new ApiError(
      422,
      'validation_failed',
      "Weekly capacity can't be blank",
      [],
      [
        { field: 'weeklyCapacity', rule: 'blank' },
        { field: 'cells.0.seconds', rule: 'min', limit: 0 },
        { field: 'defaultHourlyRate', rule: 'type', limit: 'number,null' },
        { field: 'spentDate', rule: 'format', limit: 'date' },
        { field: 'somethingNew', rule: 'rule-from-the-future' },
      ],
    );
    await i18next.changeLanguage('uk');
    expect(errorText(refused)).toBe('Деякі поля треба виправити:');
    expect(problemLines(refused)).toEqual([
      'Тижневе навантаження: не може бути порожнім',
      'Час: має бути не менше 0',
      'Типова погодинна ставка: має бути числом',
      'Дата: не є датою (РРРР-ММ-ДД)',
      'Something new: недійсне',
    ]);
    await i18next.changeLanguage('zh');
    expect(problemText({ field: 'name', rule: 'maxLength', limit: 255 })).toBe('最多 255 个字符');
    const byField = fieldErrors(refused, {
      weeklyCapacity: ['Weekly capacity'],
      seconds: ['Time'],
    });
    expect(byField.byField).toEqual({ weeklyCapacity: '不能为空', seconds: '不能小于 0' });
    expect(byField.rest).toEqual([
      '默认小时费率: 必须是数字',
      '日期: 不是日期（YYYY-MM-DD）',
      'Something new: 无效',
    ]);
    await i18next.changeLanguage('en');
    expect(fieldErrors(refused, { weeklyCapacity: [] }).byField).toEqual({
      weeklyCapacity: "can't be empty",
    });
  });

  it('put a coded refusal at its field in the chosen language', async () => {
    await i18next.changeLanguage('uk');
    const taken = new ApiError(422, 'email_taken', 'Email has already been taken');
    expect(fieldErrors(taken, { email: ['Email'] }).byField.email).toBe(
      'Хтось у цьому обліковому записі вже має цю пошту.',
    );
  });
});
