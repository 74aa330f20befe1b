/** How the widget looks on the site, with a live preview of the bubble and the panel. */
import { contrastRatio, hexRgb, type SiteSettingsPatch, type WidgetAppearance } from '@parley/shared';
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useT } from '../../../state/console-context';
import type { SettingsPartProps } from './routing-settings';
import { SettingsSection } from './settings-section';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const FONTS = [
  'system',
  'serif',
  'rounded',
  'mono',
] as const satisfies readonly WidgetAppearance['fontFamily'][];
// The stacks of widget/src/panel/site-config.ts, so the preview tells the truth.
const FONT_STACKS: Record<WidgetAppearance['fontFamily'], string> = {
  system: 'system-ui, sans-serif',
  serif: 'Georgia, Cambria, "Times New Roman", serif',
  rounded: 'ui-rounded, "SF Pro Rounded", Nunito, "Segoe UI", system-ui, sans-serif',
  mono: 'ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
};

const WHITE_TEXT = '#ffffff';
// The console's own dark text colour: the preview sits among its controls.
const DARK_TEXT = '#1f2933';

/** White or dark text on the accent, whichever contrasts more (WCAG, shared's contrastRatio), as the widget decides. */
export function textOn(color: string): string {
  const accent = hexRgb(color);
  return contrastRatio(accent, hexRgb(WHITE_TEXT)) >= contrastRatio(accent, hexRgb(DARK_TEXT)) ? WHITE_TEXT : DARK_TEXT;
}

function ColorField(props: { label: string; value: string; onInput(value: string): void; testId: string }) {
  const t = useT();
  const valid = COLOR.test(props.value);
  // While the code is being corrected the swatch keeps the last colour that was one, not black.
  const lastValid = useRef(valid ? props.value : '#000000');
  if (valid) lastValid.current = props.value;
  const problemId = `${props.testId}-problem`;
  return (
    <div class="field">
      <span class="field__label" id={`${props.testId}-label`}>
        {props.label}
      </span>
      <span class="color-field">
        <input
          type="color"
          value={lastValid.current}
          aria-labelledby={`${props.testId}-label`}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <input
          type="text"
          value={props.value}
          maxLength={7}
          // A hex code reads left to right in Arabic too; inheriting rtl showed 'ffffff#'.
          dir="ltr"
          aria-labelledby={`${props.testId}-label`}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : problemId}
          onInput={(e) => props.onInput(e.currentTarget.value.trim())}
          data-testid={props.testId}
        />
      </span>
      {!valid && (
        <span id={problemId} class="field__hint field__hint--error" data-testid={problemId}>
          {t('settings.widget.colorInvalid')}
        </span>
      )}
    </div>
  );
}

export function WidgetPreview({ look }: { look: WidgetAppearance }) {
  const t = useT();
  const safe = (color: string, fallback: string) => (COLOR.test(color) ? color : fallback);
  const accent = safe(look.color, '#1d3a8a');
  const style = {
    '--preview-accent': accent,
    '--preview-accent-text': textOn(accent),
    '--preview-bg': safe(look.panelBackground, '#ffffff'),
    '--preview-text': safe(look.panelText, '#1f2933'),
    '--preview-radius': `${look.radius}px`,
    '--preview-font': FONT_STACKS[look.fontFamily],
  } as JSX.CSSProperties;
  return (
    <figure
      class={`widget-preview widget-preview--${look.position}`}
      style={style}
      data-testid="widget-preview"
      aria-label={t('settings.widget.preview')}
    >
      <div class="widget-preview__panel">
        <div class="widget-preview__header">{look.title || t('settings.widget.defaultTitle')}</div>
        <div class="widget-preview__body">
          <p class="widget-preview__bubble">{look.greeting || t('settings.widget.defaultGreeting')}</p>
          <p class="widget-preview__bubble widget-preview__bubble--visitor">
            {t('settings.widget.sampleQuestion')}
          </p>
        </div>
        <div class="widget-preview__input">{t('settings.widget.samplePlaceholder')}</div>
      </div>
      <span class="widget-preview__launcher" aria-hidden="true" />
      <figcaption class="visually-hidden">{t('settings.widget.preview')}</figcaption>
    </figure>
  );
}

export function WidgetSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [look, setLook] = useState<WidgetAppearance>(settings.widget);
  const set = <K extends keyof WidgetAppearance>(key: K, value: WidgetAppearance[K]) =>
    setLook((current) => ({ ...current, [key]: value }));
  const valid = [look.color, look.panelBackground, look.panelText].every((c) => COLOR.test(c));
  const patch = (): SiteSettingsPatch | null => (valid ? { widget: look } : null);

  return (
    <SettingsSection
      id="widget"
      title={t('settings.widget.title')}
      patch={patch}
      save={save}
      readOnly={readOnly}
    >
      <div class="widget-settings">
        <div class="widget-settings__fields">
          <div class="field-row">
            <ColorField
              label={t('settings.widget.color')}
              value={look.color}
              onInput={(v) => set('color', v)}
              testId="widget-color"
            />
            <ColorField
              label={t('settings.widget.background')}
              value={look.panelBackground}
              onInput={(v) => set('panelBackground', v)}
              testId="widget-background"
            />
            <ColorField
              label={t('settings.widget.text')}
              value={look.panelText}
              onInput={(v) => set('panelText', v)}
              testId="widget-text"
            />
          </div>
          <label class="field">
            <span class="field__label">{t('settings.widget.panelTitle')}</span>
            <input
              type="text"
              maxLength={60}
              value={look.title}
              placeholder={t('settings.widget.defaultTitle')}
              onInput={(e) => set('title', e.currentTarget.value)}
              data-testid="widget-title"
            />
          </label>
          <label class="field">
            <span class="field__label">{t('settings.widget.greeting')}</span>
            <textarea
              rows={2}
              maxLength={300}
              value={look.greeting}
              placeholder={t('settings.widget.defaultGreeting')}
              onInput={(e) => set('greeting', e.currentTarget.value)}
            />
          </label>
          <div class="field-row">
            <label class="field">
              <span class="field__label">{t('settings.widget.position')}</span>
              <select
                value={look.position}
                onChange={(e) =>
                  set('position', e.currentTarget.value === 'bottom-left' ? 'bottom-left' : 'bottom-right')
                }
              >
                <option value="bottom-right">{t('settings.widget.bottomRight')}</option>
                <option value="bottom-left">{t('settings.widget.bottomLeft')}</option>
              </select>
            </label>
            <label class="field">
              <span class="field__label">{t('settings.widget.font')}</span>
              <select
                value={look.fontFamily}
                onChange={(e) =>
                  set('fontFamily', FONTS.find((f) => f === e.currentTarget.value) ?? 'system')
                }
              >
                {FONTS.map((font) => (
                  <option key={font} value={font}>
                    {t(`settings.widget.fonts.${font}`)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span class="field__label">{t('settings.widget.radius', { radius: look.radius })}</span>
              <input
                type="range"
                min={0}
                max={24}
                step={1}
                value={look.radius}
                onInput={(e) => set('radius', Number(e.currentTarget.value))}
              />
            </label>
          </div>
        </div>
        <WidgetPreview look={look} />
      </div>
    </SettingsSection>
  );
}
