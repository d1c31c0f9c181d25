import { toStoredDateTime } from '../../rest/engine/time.ts';
import {
  BASE_PRICE_TYPE_ID,
  CATALOG_IBLOCK_ID,
  createCatalogSchema,
  newProduct,
  type Price,
  type Section,
} from '../../rest/methods/catalog-store.ts';
import type { Db } from '../database.ts';
import { type Rng, SEED_NOW } from './rng.ts';

const DAY = 86_400_000;

/** Top-level sections with their sub-sections (two levels, 8 in total). */
const TREE: [string, string, string[]][] = [
  ['Office furniture', 'office-furniture', ['Desks', 'Chairs']],
  ['Lighting', 'lighting', ['Desk lamps']],
  ['Services', 'services', ['Installation']],
];

const PRODUCTS: Record<string, string[]> = {
  Desks: ['Height-adjustable desk', 'Oak desk 160 cm', 'Compact desk 120 cm', 'Corner desk', 'Standing desk converter'],
  Chairs: ['Ergonomic office chair', 'Meeting room chair', 'Bar stool', 'Saddle chair', 'Lounge chair'],
  'Desk lamps': ['LED desk lamp', 'Architect lamp', 'Clamp lamp', 'Wireless charging lamp'],
  Installation: ['Assembly service (per hour)', 'On-site delivery', 'Workplace setup'],
  'Office furniture': ['Filing cabinet', 'Bookshelf', 'Whiteboard 180x90', 'Acoustic panel'],
  Lighting: ['Floor lamp', 'Pendant light', 'Light bulb E27 (pack)'],
  Services: ['Annual maintenance plan', 'Interior consultation'],
};

const VARIANTS = ['', ' – black', ' – white', ' – grey'];

/**
 * The product catalog (info block 23, price type BASE). Demo: 8 sections, ~60 products with
 * SKU-style xmlIds, DKK/EUR prices and stock; large: 10,000 products with prices.
 */
export function seedCatalog(db: Db, kind: 'demo' | 'large', rng: Rng): void {
  createCatalogSchema(db);
  const insSection = db.prepare('INSERT INTO catalog_section (id, data) VALUES (?, ?)');
  const insProduct = db.prepare('INSERT INTO catalog_product (id, data) VALUES (?, ?)');
  const insPrice = db.prepare('INSERT INTO catalog_price (data) VALUES (?)');

  const sectionIds = new Map<string, number>();
  let sectionId = 0;
  const addSection = (name: string, code: string, parent: number | null) => {
    const s: Section = {
      iblockId: CATALOG_IBLOCK_ID,
      iblockSectionId: parent,
      name,
      xmlId: `SEC-${code}`,
      code,
      active: 'Y',
      sort: (sectionId + 1) * 100,
      description: null,
      descriptionType: 'text',
    };
    insSection.run(++sectionId, JSON.stringify(s));
    sectionIds.set(name, sectionId);
    return sectionId;
  };
  for (const [name, code, children] of TREE) {
    const parent = addSection(name, code, null);
    for (const child of children) addSection(child, child.toLowerCase().replace(/[^a-z0-9]+/g, '-'), parent);
  }
  addSection('Clearance', 'clearance', null);

  const names: [string, string][] = [];
  for (const [section, list] of Object.entries(PRODUCTS)) for (const n of list) names.push([section, n]);

  const count = kind === 'large' ? 10_000 : 60;
  let productId = 0;
  for (let i = 0; i < count; i++) {
    const [section, base] = names[i % names.length]!;
    const round = Math.floor(i / names.length);
    const variant = VARIANTS[round % VARIANTS.length]!;
    // One product name carries markup verbatim so apps can prove they escape it.
    const name =
      i === 13 ? '<img src=x onerror=alert(1)>' : `${base}${variant}${round >= VARIANTS.length ? ` #${round}` : ''}`;
    const isService = section === 'Installation' || section === 'Services';
    const created = SEED_NOW - rng.int(30, 400) * DAY;
    const priceDkk = isService ? rng.int(4, 60) * 50 : rng.int(2, 240) * 25 - 0.05;
    const product = newProduct(
      {
        name,
        iblockSectionId: i % 17 === 16 ? sectionIds.get('Clearance')! : sectionIds.get(section)!,
        xmlId: `SKU-${1001 + i}`,
        code: `sku-${1001 + i}`,
        sort: 100 + (i % 10) * 10,
        active: i % 23 === 22 ? 'N' : 'Y',
        measure: isService ? 6 : 5,
        vatId: 1,
        vatIncluded: 'Y',
        purchasingPrice: Math.round(priceDkk * 0.55 * 100) / 100,
        purchasingCurrency: 'DKK',
        quantity: isService ? null : rng.int(0, 120),
        quantityTrace: isService ? 'N' : 'Y',
        previewText: isService ? 'Service performed by our own technicians.' : null,
        createdBy: rng.int(1, 2),
        modifiedBy: 1,
        dateCreate: toStoredDateTime(created),
        timestampX: toStoredDateTime(created + rng.int(0, 20) * DAY),
      },
      1,
      created,
    );
    insProduct.run(++productId, JSON.stringify(product));
    const euro = i % 4 === 3;
    const price: Price = {
      productId,
      catalogGroupId: BASE_PRICE_TYPE_ID,
      price: euro ? Math.round((priceDkk / 7.46) * 100) / 100 : priceDkk,
      currency: euro ? 'EUR' : 'DKK',
      extraId: null,
      quantityFrom: null,
      quantityTo: null,
      timestampX: product.timestampX,
    };
    // A few demo products have no price yet, as in real catalogs.
    if (kind === 'large' || i % 19 !== 18) insPrice.run(JSON.stringify(price));
  }
}
