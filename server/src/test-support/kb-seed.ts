/** A small multilingual knowledge base (en, ru, es) for search relevance tests, written through the store. */
import type { KbArticle } from '@parley/shared';
import type { Store } from '../store/store';

export interface SeedArticle {
  key: string;
  language: 'en' | 'ru' | 'es';
  title: string;
  summary: string;
  body: string;
  /** Another seed article's key: this one is its translation. */
  translates?: string;
  draft?: boolean;
}

export const KB_SEED: SeedArticle[] = [
  {
    key: 'reset-password', language: 'en', title: 'Reset your password',
    summary: 'Forgot your password? Get a reset link by e-mail.',
    body: 'Open **Sign in**, choose *Forgot password* and follow the link we send you. The link works for one hour.',
  },
  {
    key: 'refund', language: 'en', title: 'Request a refund',
    summary: 'Money back within 30 days of purchase.',
    body: 'Write to us with your order number. Refunds reach your card within 5 business days.',
  },
  {
    key: 'shipping', language: 'en', title: 'Shipping times and tracking',
    summary: 'Where is my order? Track your parcel.',
    body: 'Orders ship within two days. You receive a tracking number by e-mail once the parcel leaves our warehouse.',
  },
  {
    key: 'two-factor', language: 'en', title: 'Turn on two-factor authentication',
    summary: 'Protect your account with a second step at sign in.',
    body: 'Go to Settings, then Security. Scan the code with an authenticator app. You will need your password.',
  },
  {
    key: 'delete-account', language: 'en', title: 'Delete your account',
    summary: 'Close your account and erase your data.',
    body: 'Deleting is permanent. Export your invoices first. Refunds for unused time are not possible after deletion.',
  },
  {
    key: 'gift-cards', language: 'en', title: 'Gift cards',
    summary: 'Give credit to a friend.',
    body: 'Gift cards arrive by e-mail, so there is no tracking. Tracking numbers are for parcels; tracking a gift card is not needed.',
  },
  {
    key: 'invoice-draft', language: 'en', title: 'Invoices for companies (draft)',
    summary: 'VAT invoices for business customers.', draft: true,
    body: 'We will soon send VAT invoices with your company number. Password protected PDF.',
  },
  {
    key: 'reset-password-ru', language: 'ru', translates: 'reset-password', title: 'Как сбросить пароль',
    summary: 'Забыли пароль? Мы пришлём ссылку для сброса на почту.',
    body: 'Откройте страницу входа, нажмите «Забыли пароль» и перейдите по ссылке из письма. Ссылка действует один час.',
  },
  {
    key: 'refund-ru', language: 'ru', translates: 'refund', title: 'Возврат денег за заказ',
    summary: 'Вернём деньги в течение 30 дней после покупки.',
    body: 'Напишите нам номер заказа. Деньги вернутся на карту за 5 рабочих дней.',
  },
  {
    key: 'shipping-ru', language: 'ru', translates: 'shipping', title: 'Доставка и отслеживание посылки',
    summary: 'Где мой заказ? Отследите посылку по номеру.',
    body: 'Заказы отправляются в течение двух дней. Трек-номер придёт на почту, когда посылка покинет склад. Ёлочные игрушки доставляем в коробках.',
  },
  {
    key: 'reset-password-es', language: 'es', translates: 'reset-password', title: 'Restablecer la contraseña',
    summary: '¿Olvidaste tu contraseña? Te enviamos un enlace por correo.',
    body: 'Abre **Iniciar sesión**, elige «¿Olvidaste tu contraseña?» y sigue el enlace. Caduca en una hora.',
  },
  {
    key: 'refund-es', language: 'es', translates: 'refund', title: 'Solicitar un reembolso',
    summary: 'Devolución del dinero dentro de 30 días.',
    body: 'Escríbenos con el número de pedido. El reembolso llega a tu tarjeta en 5 días hábiles.',
  },
  {
    key: 'shipping-es', language: 'es', translates: 'shipping', title: 'Envío y seguimiento del pedido',
    summary: '¿Dónde está mi pedido? Sigue tu paquete.',
    body: 'Los pedidos se envían en dos días. Recibirás el número de seguimiento por correo electrónico.',
  },
  {
    key: 'two-factor-es', language: 'es', translates: 'two-factor', title: 'Activar la verificación en dos pasos',
    summary: 'Protege tu cuenta con un segundo paso al iniciar sesión.',
    body: 'Ve a Configuración y luego a Seguridad. Escanea el código con una aplicación de autenticación.',
  },
];

/** Writes the seed into a site (published unless marked draft); returns the stored articles by key. */
export async function seedKnowledgeBase(store: Store, siteId: string): Promise<Map<string, KbArticle>> {
  const byKey = new Map<string, KbArticle>();
  const at = new Date().toISOString();
  for (const seed of KB_SEED) {
    const group = seed.translates ? byKey.get(seed.translates)?.translationGroupId ?? null : null;
    const created = await store.createArticle({
      siteId, categoryId: null, language: seed.language, translationGroupId: group, slug: seed.key,
      title: seed.title, summary: seed.summary, bodyMarkdown: seed.body, at,
    });
    const article = seed.draft
      ? created
      : await store.updateArticle({ id: created.id, siteId, changes: { status: 'published' }, at });
    if (!article) throw new Error(`seed article ${seed.key} vanished`);
    byKey.set(seed.key, article);
  }
  return byKey;
}
