// A household's address line in the reader's language: a flat's building, unit and floor from
// their own columns (16号楼 2单元 3层 / Building 16 Entrance 2 Floor 3), then the free-text detail.
import { useTranslations } from 'next-intl';

export interface AddressParts {
  building: string | null;
  unitNo: string | null;
  floor: number | null;
  addressDetail: string | null;
}

/** The line itself, for a page that words many addresses with one translator. */
export function addressLine(t: (key: 'household.address.building' | 'household.address.unit' | 'household.address.floor', values: { value: string | number }) => string, a: AddressParts): string {
  const flat = [a.building ? t('household.address.building', { value: a.building }) : null, a.unitNo ? t('household.address.unit', { value: a.unitNo }) : null, a.floor != null ? t('household.address.floor', { value: a.floor }) : null]
    .filter(Boolean)
    .join(' ');
  return [flat, a.addressDetail].filter(Boolean).join(' · ');
}

export function useAddressLine(a: AddressParts): string {
  return addressLine(useTranslations(), a);
}

export function AddressLine({ address }: { address: AddressParts }) {
  return <>{useAddressLine(address)}</>;
}
